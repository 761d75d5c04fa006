import { PgBoss } from "pg-boss";
import { databaseTarget, prisma } from "@/lib/db/client";
import { isJobAlive, LIVENESS_CHECK_SECONDS } from "@/lib/jobs/liveness";
import { failImport, processImport } from "./process-import";

/**
 * Imports run in the background through pg-boss, a job queue kept in PostgreSQL (schema
 * `pgboss`), so that any app instance can take a queued import and none is lost in a restart.
 * Each instance works on one import at a time, which keeps memory bounded.
 */
const QUEUE = "import";

// One queue client per process, shared by the route handlers and the worker started in
// instrumentation.ts (which Next.js may load as separate module instances).
const shared = globalThis as { leadrankJobs?: Promise<PgBoss>; leadrankLivenessTimer?: NodeJS.Timeout };

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

/**
 * Starts this process's worker: it takes queued imports one at a time and, on PostgreSQL,
 * looks for imports whose worker died every LIVENESS_CHECK_SECONDS. (The embedded database
 * has no other instance, and answers no other query while an import writes.)
 */
export async function startImportWorker(): Promise<void> {
  const boss = await jobs();
  await boss.work<{ importId: string }>(QUEUE, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
    await processImport(job.data.importId);
  });
  if (databaseTarget().kind === "postgres" && !shared.leadrankLivenessTimer) {
    shared.leadrankLivenessTimer = setInterval(() => {
      recoverImports().catch((error) => console.error("Looking for interrupted imports failed:", error));
    }, LIVENESS_CHECK_SECONDS * 1000);
    shared.leadrankLivenessTimer.unref();
  }
}

export async function stopImportWorker(): Promise<void> {
  clearInterval(shared.leadrankLivenessTimer);
  shared.leadrankLivenessTimer = undefined;
  const boss = await shared.leadrankJobs;
  shared.leadrankJobs = undefined;
  await boss?.stop({ graceful: true, timeout: 10_000 });
}

/** An upload whose connection is gone is dropped once it has been quiet this long (PostgreSQL). */
export const STALE_UPLOAD_SECONDS = 120;

export const WORKER_STOPPED =
  "The LeadRank server working on this import stopped before it finished, so none of its rows were saved. Upload the file again.";

/**
 * Fails every running import whose worker is gone (lib/jobs/liveness.ts), with its pg-boss job,
 * and drops half-received uploads. At start-up it also queues again the imports that wait (a
 * no-op for those pg-boss still holds). Instances that run a worker call it every
 * LIVENESS_CHECK_SECONDS too, so an import whose worker died on another instance is failed
 * within seconds even when nothing restarts.
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
      await failQueuedJob(id, WORKER_STOPPED);
    } else if (!heartbeatAt || heartbeatAt < quietSince) {
      // Between its upload and "queued" an import holds no lock for a moment: hence the quiet time.
      await prisma.import.deleteMany({ where: { id, status: "uploading" } });
    }
  }
  if (!atStart) return;
  const waiting = await prisma.import.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  for (const { id } of waiting) await enqueueImport(id);
}

/** pg-boss's job of an import whose worker died stays "active" until it expires (4 hours): end it now. */
async function failQueuedJob(importId: string, reason: string) {
  const boss = await jobs();
  const active = (await boss.findJobs(QUEUE, { key: importId })).filter((job) => job.state === "active");
  if (active.length) await boss.fail(QUEUE, active.map((job) => job.id), { reason });
}
