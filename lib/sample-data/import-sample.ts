import { PassThrough } from "node:stream";
import { prisma } from "@/lib/db/client";
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
      const unfinished = await tx.import.count({ where: unfinishedSample(companyId) });
      if (unfinished > 0) throw new AppError("sample_running", "Sample leads are already being imported into your company.");
      void writeSampleCsv(csv, { rows, seed: 2026 }).then(() => csv.end());
    },
  });
}

const unfinishedSample = (companyId: string) => ({ companyId, fileName: SAMPLE_FILE, status: { in: ["uploading", "queued", "running"] } });

/**
 * The company's sample import that is on its way, once it is past its upload (a fraction of a
 * second) and so has a page to show; null if there is none.
 */
export async function unfinishedSampleImport(companyId: string): Promise<string | null> {
  for (let waited = 0; waited < 10_000; waited += 200) {
    const found = await prisma.import.findFirst({ where: unfinishedSample(companyId), orderBy: { createdAt: "desc" }, select: { id: true, status: true } });
    if (!found || found.status !== "uploading") return found?.id ?? null;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return null;
}
