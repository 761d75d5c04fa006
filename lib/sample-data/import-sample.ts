import { PassThrough } from "node:stream";
import { createImport } from "@/lib/imports/create-import";
import { AppError } from "@/lib/errors";
import { writeSampleCsv } from "./generate";

export const SAMPLE_ROWS = 10_000;
const SAMPLE_FILE = "sample-leads.csv";

/**
 * Starts an import of generated sample leads into the company, through the usual pipeline;
 * returns its id. One at a time per company: checked and recorded under a lock, so that a
 * double click or a second tab makes one import, and the other is refused (409).
 */
export async function createSampleImport(companyId: string, userId: string | null, rows = SAMPLE_ROWS): Promise<string> {
  const csv = new PassThrough();
  return createImport({
    companyId,
    userId,
    fileName: SAMPLE_FILE,
    source: csv,
    guard: async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sample:${companyId}`}, 0))`;
      const unfinished = await tx.import.count({ where: { companyId, fileName: SAMPLE_FILE, status: { in: ["uploading", "queued", "running"] } } });
      if (unfinished > 0) throw new AppError("sample_running", "Sample leads are already being imported into your company.", 409);
      void writeSampleCsv(csv, { rows, seed: 2026 }).then(() => csv.end());
    },
  });
}
