import { PgBoss } from "pg-boss";
import { databaseTarget, prisma } from "@/lib/db/client";
import { failImport, processImport } from "./process-import";

/**
 * Imports run in the background through pg-boss, a job queue kept in PostgreSQL (schema
 * `pgboss`), so that any app instance can take a queued import and none is lost in a restart.
 * Each instance works on one import at a time, which keeps memory bounded.
 */
const QUEUE = "import";

// One queue client per process, shared by the route handlers and the worker started in
// instrumentation.ts (which Next.js may load as separate module instances).
const shared = globalThis as { leadrankJobs?: Promise<PgBoss> };

function jobs(): Promise<PgBoss> {
  shared.leadrankJobs ??= (async () => {
    const { url, kind } = databaseTarget();
    const boss = new PgBoss({ connectionString: url, schema: "pgboss", max: kind === "pglite" ? 1 : 2, application_name: "leadrank-jobs" });
    boss.on("error", (error) => console.error("Job queue error:", error));
    await boss.start();
    if (!(await boss.getQueue(QUEUE))) {
      // Imports are not retried: a failed import says why, and the user uploads it again.
      await boss.createQueue(QUEUE, { retryLimit: 0, expireInSeconds: 4 * 60 * 60 });
    }
    return boss;
  })();
  return shared.leadrankJobs;
}

export async function enqueueImport(importId: string): Promise<void> {
  await (await jobs()).send(QUEUE, { importId }, { singletonKey: importId });
}

/** Starts this process's worker: it takes queued imports one at a time. */
export async function startImportWorker(): Promise<void> {
  const boss = await jobs();
  await boss.work<{ importId: string }>(QUEUE, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
    await processImport(job.data.importId);
  });
}

export async function stopImportWorker(): Promise<void> {
  const boss = await shared.leadrankJobs;
  shared.leadrankJobs = undefined;
  await boss?.stop({ graceful: true, timeout: 10_000 });
}

/** A worker updates its import's heartbeat at least this often while it runs (on PostgreSQL). */
export const STALE_AFTER_SECONDS = 120;

/**
 * After a crash: imports whose worker stopped beating are marked failed (nothing of them
 * became visible), half-received uploads are dropped, and queued imports are queued again
 * (a no-op for those pg-boss still holds).
 */
export async function recoverImports({ all = false }: { all?: boolean } = {}): Promise<void> {
  // `all`: at the start of the only process that can run imports (the embedded database).
  const stale = new Date(Date.now() - (all ? 0 : STALE_AFTER_SECONDS * 1000));
  const interrupted = await prisma.import.findMany({
    where: { status: { in: ["uploading", "running"] }, heartbeatAt: { lt: stale } },
    select: { id: true, status: true },
  });
  for (const { id, status } of interrupted) {
    if (status === "uploading") await prisma.import.delete({ where: { id } });
    else await failImport(id, "LeadRank stopped while this import was running, so none of its rows were saved. Upload the file again.");
  }
  const waiting = await prisma.import.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  for (const { id } of waiting) await enqueueImport(id);
}
