import fs from "node:fs";
import os from "node:os";

/**
 * Lowers the calling thread's CPU priority (nice 10, Linux), so that when the cores are busy
 * the thread that answers requests goes first: background and heavy work of one company then
 * waits a little, instead of every other company's requests. Elsewhere it does nothing.
 */
export function runBehindRequests(): void {
  try {
    // On Linux each thread has an id of its own, and a nice value of its own.
    const threadId = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(threadId) && threadId !== process.pid) os.setPriority(threadId, 10);
  } catch {
    // Not Linux, or not allowed: the thread keeps its priority.
  }
}
