import { PgBoss } from "pg-boss";
import { databaseTarget } from "@/lib/db/client";

/**
 * Background work goes through pg-boss, a job queue kept in PostgreSQL (schema `pgboss`), so
 * that any app instance can take a queued job and none is lost in a restart. One queue per
 * kind of job (lib/jobs/workers.ts), created when first used. No job is retried by the
 * queue: a failed job says why, and the user starts it again.
 */
export type QueueName = string;

// One queue client per process, shared by the route handlers and the workers started in
// instrumentation.ts (which Next.js may load as separate module instances).
const shared = globalThis as { leadrankJobs?: Promise<PgBoss>; leadrankQueues?: Map<QueueName, Promise<void>> };

export function jobQueue(): Promise<PgBoss> {
  shared.leadrankJobs ??= (async () => {
    const { url, kind } = databaseTarget();
    const boss = new PgBoss({ connectionString: url, schema: "pgboss", max: kind === "pglite" ? 1 : 2, application_name: "leadrank-jobs" });
    boss.on("error", (error) => console.error("Job queue error:", error));
    await boss.start();
    return boss;
  })();
  return shared.leadrankJobs;
}

/** The queue client, with `queue` created (once per process; a no-op when it exists). */
async function queueOf(queue: QueueName): Promise<PgBoss> {
  const boss = await jobQueue();
  const queues = (shared.leadrankQueues ??= new Map());
  if (!queues.has(queue)) {
    const created = (async () => {
      if (!(await boss.getQueue(queue))) await boss.createQueue(queue, { retryLimit: 0, expireInSeconds: 4 * 60 * 60 });
    })();
    queues.set(queue, created);
    created.catch(() => queues.delete(queue));
  }
  await queues.get(queue);
  return boss;
}

/** Queues the job for `id` (an import's or a re-score's id); queuing it twice is a no-op. */
export async function enqueueJob(queue: QueueName, id: string): Promise<void> {
  await (await queueOf(queue)).send(queue, { id }, { singletonKey: id });
}

/**
 * Takes this queue's jobs one at a time in this process, which keeps memory bounded. It looks
 * for new jobs twice a second (pg-boss's shortest interval), so a job waits 0.25 s on average.
 */
export async function workOn(queue: QueueName, run: (id: string) => Promise<void>): Promise<void> {
  // Imports queued before the re-score queue existed name themselves `importId`.
  await (await queueOf(queue)).work<{ id?: string; importId?: string }>(queue, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
    await run((job.data.id ?? job.data.importId)!);
  });
}

export async function stopJobQueue(): Promise<void> {
  const boss = await shared.leadrankJobs;
  shared.leadrankJobs = undefined;
  shared.leadrankQueues = undefined;
  await boss?.stop({ graceful: true, timeout: 10_000 });
}

/** A job whose worker died stays "active" in pg-boss until it expires (4 hours): end it now. */
export async function failActiveJob(queue: QueueName, id: string, reason: string): Promise<void> {
  const boss = await queueOf(queue);
  const active = (await boss.findJobs(queue, { key: id })).filter((job) => job.state === "active");
  if (active.length) await boss.fail(queue, active.map((job) => job.id), { reason });
}
