import type pg from "pg";
import { withConnection } from "@/lib/db/bulk";
import { databaseTarget, prisma } from "@/lib/db/client";

/**
 * Whether the worker of a background job (an import, a re-score) is still alive, known at
 * once instead of guessed from a timestamp.
 *
 * On PostgreSQL a worker holds a session advisory lock keyed on its job, on the connection it
 * works through, from before it claims the job until it is done. PostgreSQL releases the lock
 * the moment that connection ends, however the process ended (crash, SIGKILL, lost network,
 * `pg_terminate_backend`). So any instance that can take the lock knows the worker is gone.
 *
 * The embedded database runs inside the one app process and serves every connection on one
 * PostgreSQL session, where advisory locks say nothing about other connections. There a job
 * is alive exactly while this process runs it, which the process keeps track of itself.
 */
/** The name of a kind of job (lib/jobs/workers.ts): "import", "rescore". */
export type JobKind = string;

// On globalThis: Next.js may load this module more than once in one process.
const shared = globalThis as { leadrankRunningJobs?: Set<string> };
const runningHere = (shared.leadrankRunningJobs ??= new Set());

const keyOf = (kind: JobKind, id: string) => `${kind}:${id}`;
const lockKey = `hashtextextended($1, 0)`;

/**
 * Runs `work` as the live worker of a job, on a dedicated connection that it is given. On
 * PostgreSQL the job's lock is held on that connection until `work` ends, and taken before
 * `work` starts: a job that `work` claims is never seen without its lock. `work` may outlive
 * its connection (to record a failure once the database is back) and still counts as alive
 * in this process meanwhile.
 */
export async function asJobWorker<T>(kind: JobKind, id: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const key = keyOf(kind, id);
  runningHere.add(key);
  try {
    return await withConnection(async (client) => {
      // Ending the connection releases the lock.
      if (databaseTarget().kind === "postgres") await holdJobLock(client, kind, id);
      return work(client);
    });
  } finally {
    runningHere.delete(key);
  }
}

/** Takes the job's lock on `client` for as long as that connection lives (PostgreSQL). */
export async function holdJobLock(client: pg.Client, kind: JobKind, id: string): Promise<void> {
  await client.query(`SELECT pg_advisory_lock(${lockKey})`, [keyOf(kind, id)]);
}

/** How many jobs of this kind this process is working on (uploads being received included). */
export function jobsRunningHere(kind: JobKind): number {
  return [...runningHere].filter((key) => key.startsWith(`${kind}:`)).length;
}

/** True while a worker (in this process or any other) is working on the job. */
export async function isJobAlive(kind: JobKind, id: string): Promise<boolean> {
  const key = keyOf(kind, id);
  if (runningHere.has(key)) return true;
  if (databaseTarget().kind !== "postgres") return false;
  // A transaction-level lock in its own statement: taken and released at once if free.
  const [{ free }] = await prisma.$queryRawUnsafe<{ free: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${lockKey}) AS free`, key);
  return !free;
}

/** How often each instance that runs a worker looks for jobs whose worker died elsewhere. */
export const LIVENESS_CHECK_SECONDS = Number(process.env.LEADRANK_LIVENESS_CHECK_SECONDS || 15);
