import { createActivityReader, type ActivityMapping } from "@/lib/activities/mapping";
import type { Activity } from "@/lib/activities/activity";
import { activityTypeIds, dedupeKey, onConnection, TOO_MANY_TYPES, writeActivities, type Run } from "@/lib/activities/write-activities";
import { CsvFormatError } from "@/lib/csv/detect";
import type { CsvRecord } from "@/lib/csv/read";
import { companyTransaction } from "@/lib/db/bulk";
import { databaseTarget, prisma } from "@/lib/db/client";
import { readAhead } from "@/lib/read-ahead";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Counts, ImportRun } from "./process-import";
import { batchFormat, BATCH_ROWS, breathe, copyText, saveRejections, SLICE, type BatchFormat, type Rejection } from "./write-batches";

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
    const write = await activityWriter(client, batchFormat(databaseTarget().kind), job.companyId, importId);
    let inflight: Promise<void> | undefined;
    let batches = 0;
    const source = readAhead(activityBatches(records, read, write.encode), 2);
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
          const { stored, untyped } = await write.write(batch);
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
      // Grouped by email first: one look for a lead per person, not per activity.
      `WITH "people" AS (SELECT "email", count(*) AS "activities" FROM "Activity" WHERE "companyId" = $1 AND "importId" = $2 GROUP BY 1)
       SELECT EXISTS (SELECT 1 FROM "Lead" l WHERE l."companyId" = $1 AND l."email" = p."email") AS "known",
              sum(p."activities")::int AS "activities", count(*)::int AS "people"
       FROM "people" p GROUP BY 1`,
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

/** Writes a batch (encoded for the database by `encode` as it was read); says how many were stored and which could not be (their type has no room). */
type ActivityWriter = { encode: (activities: Activity[]) => Promise<string>; write: (batch: ActivityBatch) => Promise<{ stored: number; untyped: number[] }> };

/**
 * How an import's batches of activities reach the database, inside its transaction
 * (docs/activities.md#speed). PostgreSQL: each batch is encoded as COPY text while the previous
 * one is written, copied into a temporary staging table and inserted into "Activity" by one
 * INSERT … ON CONFLICT DO NOTHING. (Not straight into "Activity" with COPY, as a first lead
 * import does: activities also arrive through the API while an import runs, and the same activity
 * sent meanwhile would make the COPY, and the import, fail.) The embedded database, whose socket
 * drops COPY FROM STDIN: one JSON parameter, as POST /api/activities writes.
 */
async function activityWriter(client: pg.Client, format: BatchFormat, companyId: string, importId: string): Promise<ActivityWriter> {
  if (format === "json") return { encode: async () => "", write: (batch) => writeActivities(onConnection(client), companyId, batch.activities, importId) };
  await client.query(`CREATE TEMPORARY TABLE ${STAGING} (LIKE "Activity" INCLUDING DEFAULTS) ON COMMIT DROP`);
  // The insert and the emptying of the staging table go as one round trip (a simple query takes no parameters).
  const merge = `INSERT INTO "Activity" (${COLUMNS}) SELECT ${COLUMNS} FROM ${STAGING} ON CONFLICT ("companyId", "dedupe") DO NOTHING; TRUNCATE ${STAGING}`;
  // The company's types: an id once known (or added); a type without room is refused.
  const typeIds = new Map<string, number>();
  const refused = new Set<string>();
  const ids = `${companyId}\t${importId}`;
  return {
    encode: async (activities) => {
      const fresh = activities.filter((a) => !typeIds.has(a.typeKey) && !refused.has(a.typeKey));
      if (fresh.length > 0) {
        // Added and committed at once, apart from the import: a request sending activities of the
        // same new type meanwhile does not wait for the import to end (a type alone is harmless).
        const found = await activityTypeIds(onPool, companyId, fresh);
        for (const { typeKey } of fresh) {
          const id = found.typeIds.get(typeKey);
          if (id === undefined) refused.add(typeKey);
          else typeIds.set(typeKey, id);
        }
      }
      let text = "";
      for (const [index, a] of activities.entries()) {
        if (index % SLICE === SLICE - 1) await breathe();
        const typeId = typeIds.get(a.typeKey);
        if (typeId === undefined) continue;
        text += `${ids}\t${dedupeKey(a)}\t${copyText(a.email)}\t${typeId}\t${a.occurredAt.toISOString()}\t${copyText(a.detail)}\t${copyText(a.source)}\t${copyText(a.eventId)}\n`;
      }
      return text;
    },
    write: async ({ activities, copy }) => {
      const untyped = refused.size === 0 ? [] : activities.flatMap((a, index) => (refused.has(a.typeKey) ? [index] : []));
      if (!copy) return { stored: 0, untyped };
      await pipeline(Readable.from([copy]), client.query(copyFrom(`COPY ${STAGING} (${COLUMNS}) FROM STDIN`)));
      const [inserted] = (await client.query(merge)) as unknown as pg.QueryResult[];
      return { stored: inserted.rowCount ?? 0, untyped };
    },
  };
}

/** Statements on a pooled connection, each committed on its own. */
const onPool: Run = (text, values) => prisma.$queryRawUnsafe(text, ...values);

/** The columns a batch carries, in this order in its COPY lines. */
const COLUMNS = ["companyId", "importId", "dedupe", "email", "typeId", "occurredAt", "detail", "source", "eventId"].map((column) => `"${column}"`).join(", ");

const STAGING = "activity_batch";

type ActivityBatch = { records: number; activities: Activity[]; origins: CsvRecord[]; rejected: Rejection[]; cutRows: number; emptyRows: number; copy: string };

/** Activities written per statement at most (a batch of rows of the wide shape may hold many more than rows). */
const ACTIVITIES_PER_WRITE = 10_000;

/**
 * The file's records in batches of BATCH_ROWS rows or ACTIVITIES_PER_WRITE activities, whichever
 * comes first, each read into its activities (with the record each came from) and its rejected rows.
 */
async function* activityBatches(records: AsyncIterable<CsvRecord[]>, read: ReturnType<typeof createActivityReader>, encode: ActivityWriter["encode"]): AsyncGenerator<ActivityBatch> {
  const empty = (): ActivityBatch => ({ records: 0, activities: [], origins: [], rejected: [], cutRows: 0, emptyRows: 0, copy: "" });
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
        out.copy = await encode(out.activities);
        yield out;
        out = empty();
      }
    }
  }
  if (out.records > 0) {
    out.copy = await encode(out.activities);
    yield out;
  }
}
