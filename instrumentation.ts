/**
 * Runs once when the server starts: starts the work threads of CPU-heavy requests
 * (lib/threads/heavy.ts), and background work (imports, re-scores: lib/jobs/workers.ts) unless
 * LEADRANK_IMPORT_WORKER=off (an instance that only answers requests while others work).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("@/lib/threads/heavy")).startWorkThreads();
  if (process.env.LEADRANK_IMPORT_WORKER === "off") return;
  const { startWorkers } = await import("@/lib/jobs/workers");
  try {
    await startWorkers();
  } catch (error) {
    console.error("The background workers could not start:", error);
  }
}
