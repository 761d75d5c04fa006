import { sharedMap } from "@/lib/threads/shared-map";
import type { ImportSummary } from "./imports";

/**
 * Progress of the imports this process is running (on its jobs thread). While an import's
 * transaction is open its rows are not visible to other connections (and the embedded
 * database answers no other connection at all), so the status API reads progress from here.
 */
const live = sharedMap<string, { companyId: string; summary: ImportSummary }>("imports");

export function trackImport(companyId: string, summary: ImportSummary) {
  live.set(summary.id, { companyId, summary });
}

export function updateProgress(importId: string, patch: Partial<ImportSummary>) {
  const entry = live.get(importId);
  if (entry) live.set(importId, { companyId: entry.companyId, summary: { ...entry.summary, ...patch } });
}

export function untrackImport(importId: string) {
  live.delete(importId);
}

export function liveImport(companyId: string, importId: string): ImportSummary | null {
  const entry = live.get(importId);
  return entry && entry.companyId === companyId ? entry.summary : null;
}
