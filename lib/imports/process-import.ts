import type pg from "pg";
import { companyTransaction, openConnection } from "@/lib/db/bulk";
import { databaseTarget, prisma } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/errors";
import { CsvFormatError, type Delimiter, type Encoding } from "@/lib/csv/detect";
import type { Mapping } from "@/lib/csv/mapping";
import type { OutcomeValues } from "@/lib/csv/outcome";
import { readCsvRecords, type CsvRecord } from "@/lib/csv/read";
import { createRowReader, type ParsedLead } from "@/lib/csv/validate";
import { runClaimed } from "@/lib/jobs/workers";
import { activeVersion } from "@/lib/versions/active-version";
import { readAhead } from "@/lib/read-ahead";
import { ArrivalStopped, type Arrival } from "./arrival";
import { compileModel } from "@/lib/scoring";
import { readWorkbookRecords } from "@/lib/xlsx/workbook";
import { writeActivityImport } from "./activity-import";
import { getImport } from "./imports";
import { IMPORT_JOB, ImportProgress } from "./progress";
import { readStoredUpload } from "./store-upload";
import { BATCH_ROWS, batchFormat, batchWriter, breathe, regroup, saveRejections, SLICE, type BatchWriter, type EncodedBatch, type Rejection } from "./write-batches";

/**
 * Runs a queued import in one database transaction: reads the stored file, validates and
 * scores every row, and upserts the rows batch by batch while the next batch is parsed.
 * Until the transaction commits no lead of the import is visible; if anything fails, or
 * the process dies, nothing of it is kept and the import is marked failed.
 */
export async function processImport(importId: string, options: RunOptions = {}): Promise<void> {
  await runClaimed(IMPORT_JOB, importId, async (client) => {
    const job = await prisma.import.findUniqueOrThrow({
      where: { id: importId },
      select: { companyId: true, kind: true, headers: true, mapping: true, encoding: true, delimiter: true, sheet: true, outcomeValues: true },
    });
    await runImport(client, importId, job, options);
  });
}

export type RunOptions = { failAfterBatches?: number; onCommitted?: () => void };

/**
 * Runs a claimed import on `client`, whose connection holds the import's job lock, and records
 * how it ended. The file comes from its stored pieces, or from `arrival` while it is still
 * being uploaded: then a failure is recorded only once the upload is complete, and an
 * interrupted arrival (ArrivalStopped) is thrown to the receiver of the upload, with nothing recorded.
 */
export async function runImport(client: pg.Client, importId: string, job: Job, options: RunOptions & { arrival?: Arrival } = {}): Promise<void> {
  // An import that starts while its upload arrives is tracked once the upload is complete.
  const progress = new ImportProgress(importId);
  const summary = await getImport(job.companyId, importId);
  if (summary) progress.track(job.companyId, summary);
  try {
    const counts = await writeImport(client, importId, job, { ...options, progress });
    options.onCommitted?.();
    // After a large import the planner's statistics describe a much smaller table until
    // autovacuum catches up; measured with 100k new leads, the dashboard API served 20
    // requests a second instead of 176 at 50 connections. Refreshed now, in the background job.
    if (counts.createdCount >= ANALYZE_AFTER_ROWS) {
      await prisma.$executeRawUnsafe(job.kind === "activities" ? `ANALYZE "Activity", "ActivityStats"` : `ANALYZE "Lead", "LeadStats"`).catch((error) => console.error("Refreshing statistics after an import failed:", error));
    }
  } catch (error) {
    if (error instanceof ArrivalStopped || (options.arrival && !(await options.arrival.complete))) throw error;
    console.error(`Import ${importId} failed:`, error);
    await recordFailure(importId, error);
  } finally {
    progress.end();
  }
}

const UNEXPECTED = "The import stopped because of an unexpected error; none of its rows were saved. Please try again.";
const CONNECTION_LOST = "The database connection was lost during the import, so none of its rows were saved. Upload the file again.";

/**
 * Marks the import failed with the true reason. When the database itself went away, that
 * needs the database too: it is tried again until the database is back (up to
 * FAILURE_RETRY_SECONDS; after that, the liveness check of any instance fails the import).
 */
async function recordFailure(importId: string, error: unknown) {
  // A workbook that turns out unreadable half-way (say, it unpacks beyond the limit) says so.
  const reason = isDatabaseUnavailable(error) ? CONNECTION_LOST : error instanceof CsvFormatError ? `${error.message} None of its rows were saved.` : UNEXPECTED;
  const giveUpAt = Date.now() + FAILURE_RETRY_SECONDS * 1000;
  for (;;) {
    try {
      return await failImport(importId, reason);
    } catch (retryError) {
      if (Date.now() > giveUpAt) return console.error(`Import ${importId} could not be marked failed:`, retryError);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

const FAILURE_RETRY_SECONDS = 120;

/** Imports that create at least this many leads refresh the table statistics afterwards. */
export const ANALYZE_AFTER_ROWS = 10_000;

export async function failImport(importId: string, reason: string): Promise<void> {
  await prisma.$transaction([
    prisma.importFile.deleteMany({ where: { importId } }),
    prisma.import.updateMany({
      where: { id: importId, status: { in: ["queued", "running"] } },
      data: { status: "failed", error: reason, finishedAt: new Date() },
    }),
  ]);
}

export type Job = { companyId: string; kind: string; headers: unknown; mapping: unknown; encoding: string | null; delimiter: string | null; sheet: string | null; outcomeValues: unknown };
export type Counts = { processedRows: number; processedBytes: number; totalRows: number; createdCount: number; updatedCount: number; rejectedCount: number; duplicateCount: number };

async function writeImport(
  client: pg.Client,
  importId: string,
  job: Job,
  { failAfterBatches, arrival, progress }: { failAfterBatches?: number; arrival?: Arrival; progress: ImportProgress },
): Promise<Counts> {
  const { records, bytes } = fileRecords(client, importId, job, arrival);
  const run = { client, importId, job, records, bytes, failAfterBatches, progress };
  return job.kind === "activities" ? writeActivityImport(run) : writeLeadImport(run);
}

/** The records of the import's file (CSV or workbook sheet), from its stored pieces or as it arrives, and the bytes read so far. */
function fileRecords(client: pg.Client, importId: string, job: Job, arrival: Arrival | undefined) {
  const { kind } = databaseTarget();
  async function* stored() {
    // On PostgreSQL the file is read on a connection of its own, a few pieces ahead, so the
    // parsing never waits for a batch's write on the import's connection. (The embedded
    // database answers no other connection while the import's transaction is open.)
    const reader = kind === "postgres" ? await openConnection() : client;
    try {
      yield* readStoredUpload(reader, importId, reader !== client ? 4 : 1);
    } finally {
      if (reader !== client) await reader.end();
    }
  }
  let bytes = 0;
  async function* counted() {
    for await (const piece of arrival ? arrival.pieces() : stored()) {
      bytes += piece.length;
      yield piece;
    }
  }
  const records = job.sheet !== null
    ? readWorkbookRecords(counted(), job.sheet)
    : readCsvRecords(counted(), { encoding: job.encoding as Encoding, delimiter: job.delimiter as Delimiter });
  return { records, bytes: () => bytes };
}

/** An import's file on its way to the database. */
export type ImportRun = {
  client: pg.Client;
  importId: string;
  job: Job;
  records: AsyncIterable<CsvRecord[]>;
  bytes: () => number;
  failAfterBatches?: number;
  progress: ImportProgress;
};

async function writeLeadImport({ client, importId, job, records, bytes, failAfterBatches, progress }: ImportRun): Promise<Counts> {
  const headers = job.headers as string[];
  const mapping = job.mapping as Mapping;
  const unknownOutcomes = new Map<string, number>();
  const { kind } = databaseTarget();

  const counts: Counts = { processedRows: 0, processedBytes: 0, totalRows: 0, createdCount: 0, updatedCount: 0, rejectedCount: 0, duplicateCount: 0 };
  // One import of a company writes at a time, and never beside an undo or a re-score; the
  // active version is read under that lock, so a re-score that committed first is in force.
  return companyTransaction(client, job.companyId, async () => {
    const model = compileModel((await activeVersion(job.companyId, client)).definition);
    const { encode, write } = await batchWriter(client, batchFormat(kind), {
      importId,
      companyId: job.companyId,
      model,
      fileHasDates: mapping.includes("submittedAt"),
      fileHasOutcome: mapping.includes("outcome"),
    });
    let inflight: Promise<void> | undefined;
    let batches = 0;
    const outcomeValues = job.outcomeValues as OutcomeValues;
    // Batches are prepared while the database writes (two ahead at most, to bound memory).
    const source = readAhead(scoredBatches(records, { headers, mapping, outcomeValues, encode }), 2);
    try {
      for await (const { records, leads, leadCount, rejected, duplicates, unknown } of source) {
        counts.duplicateCount += duplicates;
        for (const [value, rows] of unknown) countUnknown(unknownOutcomes, value, rows);
        // The database writes this batch while the next one is parsed.
        await inflight;
        if (failAfterBatches !== undefined && batches++ >= failAfterBatches) throw new Error("Simulated failure");
        inflight = (async () => {
          if (leadCount > 0) {
            const { created, written } = await write(leads);
            counts.createdCount += created;
            // Updated, or written earlier in this import: told apart at the end.
            counts.updatedCount += written - created;
          }
          if (rejected.length > 0) await saveRejections(client, importId, rejected);
        })();
        // Its failure is taken where it is awaited, however long the next batch takes to read.
        inflight.catch(() => {});
        counts.processedRows += records;
        counts.rejectedCount += rejected.length;
        counts.processedBytes = bytes();
        progress.update({ ...counts });
      }
    } catch (error) {
      // The write in flight ends before the transaction is rolled back (its failure, if any, is this one's echo).
      await Promise.allSettled([inflight]);
      throw error;
    }
    await inflight;
    await progress.shared();
    counts.totalRows = counts.processedRows;
    // A lead updated by this import has its previous version kept; the others were
    // written twice by this import: duplicates within the file across batches.
    const { rows } = await client.query<{ updated: number }>(`SELECT count(*)::int AS updated FROM "ImportChange" WHERE "importId" = $1`, [importId]);
    counts.duplicateCount += counts.updatedCount - rows[0].updated;
    counts.updatedCount = rows[0].updated;
    counts.processedBytes = bytes();
    // The leads and the import's final state commit together: never leads of a "failed" import.
    await client.query(
      `UPDATE "Import" SET "status" = 'succeeded', "finishedAt" = now(), "heartbeatAt" = now(), "processedRows" = $2, "processedBytes" = $3,
         "totalRows" = $4, "createdCount" = $5, "updatedCount" = $6, "rejectedCount" = $7, "duplicateCount" = $8, "unknownOutcomes" = $9 WHERE "id" = $1`,
      [importId, counts.processedRows, counts.processedBytes, counts.totalRows, counts.createdCount, counts.updatedCount, counts.rejectedCount, counts.duplicateCount,
        JSON.stringify(Object.fromEntries(unknownOutcomes))],
    );
    await client.query(`DELETE FROM "ImportFile" WHERE "importId" = $1`, [importId]);
    return counts;
  });
}


/** Values of the outcome column no rule knew: the 50 most seen by name, the rest together. */
const UNKNOWN_KEPT = 50;
const OTHER_VALUES = "(other values)";
function countUnknown(counts: Map<string, number>, value: string, rows: number) {
  const key = counts.has(value) || counts.size < UNKNOWN_KEPT ? value : OTHER_VALUES;
  counts.set(key, (counts.get(key) ?? 0) + rows);
}

/**
 * The file's records (of a CSV or a workbook sheet) in batches, validated and scored. Each batch gives its number of
 * records, the accepted leads encoded for the database (`leads`, `leadCount` of them), the
 * rejected rows, the rows that repeat an email of the same batch, and the outcome values no
 * rule knew (with their row counts). Within a batch the last row of an email wins; across
 * batches the upsert does it.
 */
export async function* scoredBatches(
  records: AsyncIterable<CsvRecord[]>,
  { headers, mapping, outcomeValues = {}, encode }: { headers: string[]; mapping: Mapping; outcomeValues?: OutcomeValues; encode: BatchWriter["encode"] },
): AsyncGenerator<{ records: number; leads: EncodedBatch; leadCount: number; rejected: Rejection[]; duplicates: number; unknown: Map<string, number> }> {
  const readRow = createRowReader(headers, mapping, outcomeValues);
  for await (const batch of regroup(records, BATCH_ROWS)) {
    const accepted = new Map<string, ParsedLead>();
    const rejected: Rejection[] = [];
    const unknown = new Map<string, number>();
    let duplicates = 0;
    for (const [index, record] of batch.entries()) {
      // The database's answers are taken between slices of a batch, so its next write starts on time.
      if (index % SLICE === SLICE - 1) await breathe();
      const result = record.problem ? { ok: false as const, reason: record.problem } : readRow(record.cells);
      if (!result.ok) rejected.push({ row: record.row, reason: result.reason, cells: record.cells });
      else {
        if (accepted.has(result.lead.email)) duplicates++;
        accepted.set(result.lead.email, result.lead);
        if (result.lead.unknownOutcome !== undefined) unknown.set(result.lead.unknownOutcome, (unknown.get(result.lead.unknownOutcome) ?? 0) + 1);
      }
    }
    yield { records: batch.length, leads: await encode([...accepted.values()]), leadCount: accepted.size, rejected, duplicates, unknown };
  }
}
