/**
 * Runs once when the server starts: starts the work threads of CPU-heavy requests
 * (lib/threads/heavy.ts) and the jobs thread (lib/threads/jobs.ts), where uploads are imported
 * and, unless LEADRANK_IMPORT_WORKER=off (an instance that only answers requests while others
 * work), queued imports and re-scores run.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("@/lib/threads/heavy")).startWorkThreads();
  await (await import("@/lib/threads/jobs")).startJobsThread({ workers: process.env.LEADRANK_IMPORT_WORKER !== "off" });
}
