/**
 * Runs once when the server starts: imports cut off by a crash are failed or queued again,
 * and this process starts taking queued imports (unless LEADRANK_IMPORT_WORKER=off: an
 * instance that only answers requests, while others do the imports).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { databaseTarget } = await import("@/lib/db/client");
  const { recoverImports, startImportWorker } = await import("@/lib/imports/queue");
  try {
    // The embedded database serves a single app process, so whatever it left running is dead.
    await recoverImports({ all: databaseTarget().kind === "pglite" });
    if (process.env.LEADRANK_IMPORT_WORKER !== "off") await startImportWorker();
  } catch (error) {
    console.error("The import worker could not start:", error);
  }
}
