/** Runs once when the server starts: imports cut off by a crash are failed or queued again. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { databaseTarget } = await import("@/lib/db/client");
  const { recoverImports } = await import("@/lib/imports/queue");
  // The embedded database serves a single app process, so whatever it left running is dead.
  await recoverImports({ all: databaseTarget().kind === "pglite" }).catch((error) => console.error("Import recovery failed:", error));
}
