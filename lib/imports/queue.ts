import { databaseTarget, prisma } from "@/lib/db/client";
import { isJobAlive } from "@/lib/jobs/liveness";
import { enqueueJob } from "@/lib/jobs/queue";
import type { JobType } from "@/lib/jobs/workers";
import { failImport, processImport } from "./process-import";
import { IMPORT_JOB } from "./progress";

/** An upload whose connection is gone is dropped once it has been quiet this long (PostgreSQL). */
export const STALE_UPLOAD_SECONDS = 120;

export const WORKER_STOPPED =
  "The LeadRank server working on this import stopped before it finished, so none of its rows were saved. Upload the file again.";

/**
 * Imports as background jobs (lib/jobs/workers.ts): queued imports run one at a time per
 * instance, and a running one whose worker is gone fails with WORKER_STOPPED. Each recovery
 * also drops the half-received uploads whose connection is gone.
 */
export const importJob: JobType = {
  ...IMPORT_JOB,
  run: (importId) => processImport(importId),
  fail: failImport,
  stopped: WORKER_STOPPED,
  tidy: dropStaleUploads,
};

export async function enqueueImport(importId: string): Promise<void> {
  await enqueueJob(IMPORT_JOB.kind, importId);
}

async function dropStaleUploads(): Promise<void> {
  const embedded = databaseTarget().kind === "pglite";
  const quietSince = new Date(Date.now() - (embedded ? 0 : STALE_UPLOAD_SECONDS * 1000));
  const uploading = await prisma.import.findMany({ where: { status: "uploading" }, select: { id: true, heartbeatAt: true } });
  for (const { id, heartbeatAt } of uploading) {
    if (await isJobAlive(IMPORT_JOB.kind, id)) continue;
    // Between its upload and "queued" an import holds no lock for a moment: hence the quiet time.
    if (!heartbeatAt || heartbeatAt < quietSince) await prisma.import.deleteMany({ where: { id, status: "uploading" } });
  }
}
