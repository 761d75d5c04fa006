import fs from "node:fs";
import os from "node:os";
import type pg from "pg";

/**
 * How far background and heavy work step back when the cores are busy (a nice value, Linux;
 * `LEADRANK_BACKGROUND_NICE`, 0 to 19, default 10; 0 turns it off): the thread that answers
 * requests, and the database sessions that serve them, then go first, and one company's
 * import, re-score, preview or suggestion waits a little instead of every other company's reads.
 */
function niceness(): number {
  const value = Number(process.env.LEADRANK_BACKGROUND_NICE ?? 10);
  return Number.isInteger(value) && value >= 0 && value <= 19 ? value : 10;
}

/** Lowers the calling thread's CPU priority. Elsewhere than Linux, or when not allowed, it does nothing. */
export function runBehindRequests(): void {
  const nice = niceness();
  if (nice === 0) return;
  try {
    // On Linux each thread has an id of its own, and a nice value of its own.
    const threadId = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(threadId) && threadId !== process.pid) os.setPriority(threadId, nice);
  } catch {
    // Not Linux, or not allowed: the thread keeps its priority.
  }
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1"]);

/**
 * Lowers the CPU priority of the PostgreSQL server process that serves `client`, when that
 * server runs on this machine (a socket or a loopback address) and this process may change it
 * (the same user, or root). Only for a dedicated connection of bulk work, ended with the work:
 * without privileges a priority cannot be raised again, and the process ends with its connection.
 */
export async function runSessionBehindRequests(client: pg.Client): Promise<void> {
  const nice = niceness();
  const host = client.host ?? "";
  if (nice === 0 || process.platform !== "linux" || !(host.startsWith("/") || LOCAL_HOSTS.has(host))) return;
  try {
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const pid = rows[0]?.pid;
    // A PostgreSQL process, and one of this machine's: never some other program that happens to have that number.
    if (!Number.isInteger(pid) || fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "postgres") return;
    os.setPriority(pid, nice);
  } catch {
    // Not allowed (another user's server) or not there: the session keeps its priority.
  }
}
