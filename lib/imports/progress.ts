import { JobProgress, liveProgress } from "@/lib/jobs/progress";
import type { ImportSummary } from "./imports";

/** Imports as background jobs (lib/jobs): the rest of their description is in ./queue.ts. */
export const IMPORT_JOB = { kind: "import", table: "Import" } as const;

type Live = { companyId: string; summary: ImportSummary };

/** The live progress of an import this process runs (lib/jobs/progress.ts), shown once it is tracked. */
export class ImportProgress extends JobProgress<Live> {
  constructor(importId: string) {
    super(IMPORT_JOB, importId);
  }

  track(companyId: string, summary: ImportSummary): void {
    this.set({ companyId, summary });
  }

  /** New counts: shown live once tracked, and in the import's row now and then. */
  update(counts: Partial<ImportSummary> & Record<string, number>): void {
    const shown = this.value;
    this.set(shown && { companyId: shown.companyId, summary: { ...shown.summary, ...counts } }, counts);
  }
}

/** An import's live progress, if this process runs it and it belongs to the company. */
export function liveImport(companyId: string, importId: string): ImportSummary | null {
  const entry = liveProgress<Live>(IMPORT_JOB, importId);
  return entry && entry.companyId === companyId ? entry.summary : null;
}
