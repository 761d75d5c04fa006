import { PassThrough } from "node:stream";
import { prisma } from "@/lib/db/client";
import { createImport } from "@/lib/imports/create-import";
import { AppError } from "@/lib/errors";
import { writeSampleCsv } from "./generate";

export const SAMPLE_ROWS = 10_000;
const SAMPLE_FILE = "sample-leads.csv";
const SAMPLE_ACTIVITIES = "sample-activities.csv";
const SEED = 2026;

/**
 * Starts the imports of generated sample leads and of their activities into the company, through
 * the usual pipeline; returns their ids (the leads' first: they run in that order). One at a time
 * per company: checked and recorded under a lock, so that a double click or a second tab makes
 * one, and the other is refused (409).
 */
export async function createSampleImports(companyId: string, userId: string | null, rows = SAMPLE_ROWS): Promise<{ leads: string; activities: string }> {
  // Dated up to the start of today (UTC): the same sample imported again today adds no activity twice.
  const endDate = new Date(new Date().toISOString().slice(0, 10));
  const leads = await createSampleLeadsImport(companyId, userId, rows, endDate);
  const activities = new PassThrough();
  void writeSampleCsv(activities, { rows, seed: SEED, endDate, activities: true }).then(() => activities.end());
  return { leads, activities: await createImport({ companyId, userId, kind: "activities", fileName: SAMPLE_ACTIVITIES, source: activities }) };
}

function createSampleLeadsImport(companyId: string, userId: string | null, rows: number, endDate: Date): Promise<string> {
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
      void writeSampleCsv(csv, { rows, seed: SEED, endDate }).then(() => csv.end());
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
