import { PassThrough } from "node:stream";
import { createImport } from "@/lib/imports/create-import";
import { writeSampleCsv } from "./generate";

export const SAMPLE_ROWS = 10_000;

/** Starts an import of generated sample leads into the company, through the usual pipeline; returns its id. */
export async function createSampleImport(companyId: string, userId: string | null, rows = SAMPLE_ROWS): Promise<string> {
  const csv = new PassThrough();
  void writeSampleCsv(csv, { rows, seed: 2026 }).then(() => csv.end());
  return createImport({ companyId, userId, fileName: "sample-leads.csv", source: csv });
}
