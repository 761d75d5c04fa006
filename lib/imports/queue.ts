import { prisma } from "@/lib/db/client";
import { failImport, processImport } from "./process-import";

/**
 * Imports run in the background, one at a time per app process, so that memory stays
 * bounded however many files arrive.
 */
let running: Promise<void> = Promise.resolve();

export function enqueueImport(importId: string): void {
  running = running.then(() => processImport(importId)).catch((error) => console.error(error));
}

/** Resolves when every import queued so far in this process has finished (tests, CLI). */
export function importsIdle(): Promise<void> {
  return running;
}

/** A worker updates its import's heartbeat at least this often while it runs. */
export const STALE_AFTER_SECONDS = 120;

/**
 * After a crash: imports whose worker stopped beating are marked failed (nothing of them
 * became visible), and imports still waiting in the queue are queued again.
 */
export async function recoverImports({ all = false }: { all?: boolean } = {}): Promise<void> {
  // `all`: at the start of the only process that can run imports (the embedded database).
  const stale = new Date(Date.now() - (all ? 0 : STALE_AFTER_SECONDS * 1000));
  const interrupted = await prisma.import.findMany({
    where: { status: { in: ["uploading", "running"] }, heartbeatAt: { lt: stale } },
    select: { id: true, status: true },
  });
  for (const { id, status } of interrupted) {
    if (status === "uploading") await prisma.import.delete({ where: { id } });
    else await failImport(id, "LeadRank stopped while this import was running, so none of its rows were saved. Upload the file again.");
  }
  const waiting = await prisma.import.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  for (const { id } of waiting) enqueueImport(id);
}
