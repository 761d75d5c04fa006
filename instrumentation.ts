/**
 * Runs once when the server starts. An instance that runs imports (all, unless
 * LEADRANK_IMPORT_WORKER=off: one that only answers requests while others import) first fails
 * the imports whose worker is gone and queues the waiting ones again, then takes queued
 * imports and keeps looking for dead workers (lib/imports/queue.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.LEADRANK_IMPORT_WORKER === "off") return;
  const { recoverImports, startImportWorker } = await import("@/lib/imports/queue");
  try {
    await recoverImports({ atStart: true });
    await startImportWorker();
  } catch (error) {
    console.error("The import worker could not start:", error);
  }
}
