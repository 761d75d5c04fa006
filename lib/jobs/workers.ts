import type pg from "pg";
import { databaseTarget, prisma } from "@/lib/db/client";
import { asJobWorker, isJobAlive, LIVENESS_CHECK_SECONDS } from "./liveness";
import { enqueueJob, failActiveJob, stopJobQueue, workOn } from "./queue";

/**
 * A kind of background job, as the domain that owns it describes it (an import in
 * lib/imports/queue.ts, a re-score in lib/models/rescore-job.ts). The machinery here knows no
 * kind by name: the jobs thread hands it the kinds it runs (lib/threads/jobs-thread.ts), and
 * each gets the same queue, claim, liveness, progress and recovery.
 */
export type JobType = {
  /** Its queue's name, and the prefix of its liveness lock: "import", "rescore". */
  kind: string;
  /** The table of its rows, each with "id", "status" (queued, running, then how it ended), "heartbeatAt" and "createdAt". */
  table: "Import" | "ScoringJob";
  /** Runs one queued job (through runClaimed, so that one worker runs it). */
  run: (id: string) => Promise<void>;
  /** Marks a queued or running job failed with `reason`, and drops what it held. */
  fail: (id: string, reason: string) => Promise<void>;
  /** What a job whose worker stopped says. */
  stopped: string;
  /** More tidying at each recovery (imports: uploads whose connection is gone). */
  tidy?: () => Promise<void>;
};

/**
 * Runs `work` as the live worker of a queued job (lib/jobs/liveness.ts), once it has claimed the
 * job: its row goes from queued to running on the connection that holds the job's lock. A job
 * another worker has claimed is left alone.
 */
export async function runClaimed(type: Pick<JobType, "kind" | "table">, id: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  await asJobWorker(type.kind, id, async (client) => {
    const claimed = await client.query(`UPDATE "${type.table}" SET "status" = 'running', "heartbeatAt" = now() WHERE "id" = $1 AND "status" = 'queued'`, [id]);
    if (claimed.rowCount === 0) return;
    await work(client);
  });
}

async function idsWithStatus(type: Pick<JobType, "table">, status: "queued" | "running"): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "${type.table}" WHERE "status" = $1 ORDER BY "createdAt"`, status);
  return rows.map((row) => row.id);
}

/**
 * Fails every running job whose worker is gone (its lock is free), with its pg-boss job; at
 * start-up, queues the waiting ones again (a no-op for those pg-boss still holds). Instances that
 * run workers do this every LIVENESS_CHECK_SECONDS too, so a job whose worker died on another
 * instance is failed within seconds even when nothing restarts.
 */
export async function recoverJobs(types: JobType[], { atStart = false }: { atStart?: boolean } = {}): Promise<void> {
  for (const type of types) {
    for (const id of await idsWithStatus(type, "running")) {
      if (await isJobAlive(type.kind, id)) continue;
      await type.fail(id, type.stopped);
      await failActiveJob(type.kind, id, type.stopped);
    }
    await type.tidy?.();
    if (atStart) for (const id of await idsWithStatus(type, "queued")) await enqueueJob(type.kind, id);
  }
}

const shared = globalThis as { leadrankLivenessTimer?: NodeJS.Timeout };

/**
 * Starts this instance's background work: first recovers the jobs of every kind (above), then
 * takes queued jobs and, on PostgreSQL, looks for jobs whose worker died elsewhere every
 * LIVENESS_CHECK_SECONDS. (The embedded database has no other instance, and answers no other
 * query while a job writes.)
 */
export async function startWorkers(types: JobType[]): Promise<void> {
  await recoverJobs(types, { atStart: true });
  for (const type of types) await workOn(type.kind, type.run);
  if (databaseTarget().kind === "postgres" && !shared.leadrankLivenessTimer) {
    shared.leadrankLivenessTimer = setInterval(() => {
      recoverJobs(types).catch((error) => console.error("Looking for interrupted jobs failed:", error));
    }, LIVENESS_CHECK_SECONDS * 1000);
    shared.leadrankLivenessTimer.unref();
  }
}

export async function stopWorkers(): Promise<void> {
  clearInterval(shared.leadrankLivenessTimer);
  shared.leadrankLivenessTimer = undefined;
  await stopJobQueue();
}
