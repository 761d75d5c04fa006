import { databaseTarget, prisma } from "@/lib/db/client";
import { isJobAlive } from "@/lib/jobs/liveness";
import { enqueueJob, failActiveJob, workOn } from "@/lib/jobs/queue";
import { failImport, processImport } from "./process-import";

/** Imports run in the background (lib/jobs/queue.ts), one at a time per instance. */
export async function enqueueImport(importId: string): Promise<void> {
  await enqueueJob("import", importId);
}

export async function startImportWorker(): Promise<void> {
  await workOn("import", (importId) => processImport(importId));
}

/** An upload whose connection is gone is dropped once it has been quiet this long (PostgreSQL). */
export const STALE_UPLOAD_SECONDS = 120;

export const WORKER_STOPPED =
  "The LeadRank server working on this import stopped before it finished, so none of its rows were saved. Upload the file again.";

/**
 * Fails every running import whose worker is gone (lib/jobs/liveness.ts), with its pg-boss job,
 * and drops half-received uploads. At start-up it also queues again the imports that wait (a
 * no-op for those pg-boss still holds). Instances that run a worker call it every
 * LIVENESS_CHECK_SECONDS too (lib/jobs/workers.ts), so an import whose worker died on another
 * instance is failed within seconds even when nothing restarts.
 */
export async function recoverImports({ atStart = false }: { atStart?: boolean } = {}): Promise<void> {
  const embedded = databaseTarget().kind === "pglite";
  const quietSince = new Date(Date.now() - (embedded ? 0 : STALE_UPLOAD_SECONDS * 1000));
  const unfinished = await prisma.import.findMany({
    where: { status: { in: ["uploading", "running"] } },
    select: { id: true, status: true, heartbeatAt: true },
  });
  for (const { id, status, heartbeatAt } of unfinished) {
    if (await isJobAlive("import", id)) continue;
    if (status === "running") {
      await failImport(id, WORKER_STOPPED);
      await failActiveJob("import", id, WORKER_STOPPED);
    } else if (!heartbeatAt || heartbeatAt < quietSince) {
      // Between its upload and "queued" an import holds no lock for a moment: hence the quiet time.
      await prisma.import.deleteMany({ where: { id, status: "uploading" } });
    }
  }
  if (!atStart) return;
  const waiting = await prisma.import.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  for (const { id } of waiting) await enqueueImport(id);
}
