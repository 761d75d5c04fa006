import { createActivityReader, type ActivityMapping } from "@/lib/activities/mapping";
import type { Activity } from "@/lib/activities/activity";
import { onConnection, TOO_MANY_TYPES, writeActivities } from "@/lib/activities/write-activities";
import { CsvFormatError } from "@/lib/csv/detect";
import type { CsvRecord } from "@/lib/csv/read";
import { companyTransaction } from "@/lib/db/bulk";
import { readAhead } from "@/lib/read-ahead";
import type { Counts, ImportRun } from "./process-import";
import { BATCH_ROWS, breathe, saveRejections, SLICE, type Rejection } from "./write-batches";

/** One import adds at most this many activities (a file in the wide shape multiplies its rows by its counts). */
export const MAX_ACTIVITIES_PER_IMPORT = 10_000_000;

/** What an activity import found beyond its counts (Import.activitySummary). */
export type ActivitySummary = {
  /** Activities the rows held (created + duplicates). */
  activities: number;
  /** Rows kept with a type, detail, source or event id cut to its limit. */
  cutRows: number;
  /** Rows of a file with one column per type that counted no activity (all zero or no). */
  emptyRows: number;
  /** The activities this import added, for emails among the company's leads and for the others. */
  known: { activities: number; people: number };
  unknown: { activities: number; people: number };
};

/**
 * Imports a file of activities in one transaction, as leads are imported: batches of rows read
 * into activities (one per row, or a count per column of the wide shape) while the previous
 * batch is written; rejected rows kept with their reason; nothing kept if anything fails.
 * Counts: created + duplicates = activities; rows = rows with activities + empty rows + rejected.
 */
export async function writeActivityImport({ client, importId, job, records, bytes, failAfterBatches, progress }: ImportRun): Promise<Counts> {
  const counts: Counts = { processedRows: 0, processedBytes: 0, totalRows: 0, createdCount: 0, updatedCount: 0, rejectedCount: 0, duplicateCount: 0 };
  const summary: ActivitySummary = { activities: 0, cutRows: 0, emptyRows: 0, known: { activities: 0, people: 0 }, unknown: { activities: 0, people: 0 } };
  return companyTransaction(client, job.companyId, async () => {
    const { rows } = await client.query<{ day: Date }>(`SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS "day"`);
    const read = createActivityReader(job.headers as string[], job.mapping as ActivityMapping, rows[0].day);
    const run = onConnection(client);
    let inflight: Promise<void> | undefined;
    let batches = 0;
    const source = readAhead(activityBatches(records, read), 2);
    try {
      for await (const batch of source) {
        summary.activities += batch.activities.length;
        summary.cutRows += batch.cutRows;
        summary.emptyRows += batch.emptyRows;
        if (summary.activities > MAX_ACTIVITIES_PER_IMPORT) {
          throw new CsvFormatError(`The file holds more than ${MAX_ACTIVITIES_PER_IMPORT.toLocaleString("en-US")} activities, the most one import takes: split it into smaller files.`);
        }
        await inflight;
        if (failAfterBatches !== undefined && batches++ >= failAfterBatches) throw new Error("Simulated failure");
        inflight = (async () => {
          const { stored, untyped } = await writeActivities(run, job.companyId, batch.activities, importId);
          // Activities of a type the company has no room for: their rows are rejected.
          const refused = new Map(untyped.map((index) => [batch.origins[index].row, batch.origins[index]]));
          const rejected = [...batch.rejected, ...[...refused.values()].map(({ row, cells }) => ({ row, reason: TOO_MANY_TYPES, cells }))];
          counts.createdCount += stored;
          counts.duplicateCount += batch.activities.length - untyped.length - stored;
          summary.activities -= untyped.length;
          counts.rejectedCount += refused.size;
          if (rejected.length > 0) await saveRejections(client, importId, rejected);
        })();
        inflight.catch(() => {});
        counts.processedRows += batch.records;
        counts.rejectedCount += batch.rejected.length;
        counts.processedBytes = bytes();
        progress.update({ ...counts });
      }
    } catch (error) {
      await Promise.allSettled([inflight]);
      throw error;
    }
    await inflight;
    await progress.shared();
    counts.totalRows = counts.processedRows;
    counts.processedBytes = bytes();
    const { rows: reach } = await client.query<{ known: boolean; activities: number; people: number }>(
      `SELECT EXISTS (SELECT 1 FROM "Lead" l WHERE l."companyId" = a."companyId" AND l."email" = a."email") AS "known",
              count(*)::int AS "activities", count(DISTINCT a."email")::int AS "people"
       FROM "Activity" a WHERE a."companyId" = $1 AND a."importId" = $2 GROUP BY 1`,
      [job.companyId, importId],
    );
    for (const { known, activities, people } of reach) summary[known ? "known" : "unknown"] = { activities, people };
    await client.query(
      `UPDATE "Import" SET "status" = 'succeeded', "finishedAt" = now(), "heartbeatAt" = now(), "processedRows" = $2, "processedBytes" = $3,
         "totalRows" = $4, "createdCount" = $5, "updatedCount" = 0, "rejectedCount" = $6, "duplicateCount" = $7, "activitySummary" = $8 WHERE "id" = $1`,
      [importId, counts.processedRows, counts.processedBytes, counts.totalRows, counts.createdCount, counts.rejectedCount, counts.duplicateCount, JSON.stringify(summary)],
    );
    await client.query(`DELETE FROM "ImportFile" WHERE "importId" = $1`, [importId]);
    return counts;
  });
}

type ActivityBatch = { records: number; activities: Activity[]; origins: CsvRecord[]; rejected: Rejection[]; cutRows: number; emptyRows: number };

/** Activities written per statement at most (a batch of rows of the wide shape may hold many more than rows). */
const ACTIVITIES_PER_WRITE = 10_000;

/**
 * The file's records in batches of BATCH_ROWS rows or ACTIVITIES_PER_WRITE activities, whichever
 * comes first, each read into its activities (with the record each came from) and its rejected rows.
 */
async function* activityBatches(records: AsyncIterable<CsvRecord[]>, read: ReturnType<typeof createActivityReader>): AsyncGenerator<ActivityBatch> {
  const empty = (): ActivityBatch => ({ records: 0, activities: [], origins: [], rejected: [], cutRows: 0, emptyRows: 0 });
  let out = empty();
  for await (const part of records) {
    for (const record of part) {
      if (++out.records % SLICE === 0) await breathe();
      const result = record.problem ? { ok: false as const, reason: record.problem } : read(record.cells);
      if (!result.ok) out.rejected.push({ row: record.row, reason: result.reason, cells: record.cells });
      else {
        if (result.cut) out.cutRows++;
        if (result.activities.length === 0) out.emptyRows++;
        for (const activity of result.activities) {
          out.activities.push(activity);
          out.origins.push(record);
        }
      }
      if (out.records >= BATCH_ROWS || out.activities.length >= ACTIVITIES_PER_WRITE) {
        yield out;
        out = empty();
      }
    }
  }
  if (out.records > 0) yield out;
}
