import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { v7 as timeOrderedId } from "uuid";
import { fieldByName, PLAIN_FIELDS } from "@/lib/csv/fields";
import type { ParsedLead } from "@/lib/csv/validate";
import type { DatabaseKind } from "@/lib/db/client";
import { storedBreakdown, type BreakdownEntry, type CompiledModel } from "@/lib/scoring";

/**
 * How an import's batches of scored leads reach the database, inside the import's transaction
 * (docs/importing.md#speed has the measurements behind each choice).
 *
 * PostgreSQL: a batch travels as `COPY … FROM STDIN` text, whose parser reads rows several
 * times faster than the JSON path below.
 * - Leads that cannot exist yet go straight into "Lead" with COPY: when the company had no
 *   leads at the start of the import (its first import, or a whole CRM moved in), a lead
 *   whose email this import has not written before is new. That is nearly every row.
 * - The others are copied into a temporary staging table and merged into "Lead" by one
 *   set-based statement (insert, or update the lead with that email).
 *
 * The embedded database: its socket server drops the connection on `COPY FROM STDIN`, so each
 * batch is one JSON parameter, read by position with jsonb, into the same merge statement.
 */

/** How each type of lead field is stored. */
const SQL_TYPES = { email: "text", text: "text", integer: "int", boolean: "boolean" } as const;

/** The lead's plain fields (lib/csv/fields.ts), with their SQL types and how a COPY line prints them. */
const PLAIN = PLAIN_FIELDS.map((name) => {
  const type = SQL_TYPES[fieldByName(name)!.type as keyof typeof SQL_TYPES];
  const print = type === "text" ? copyText : type === "int" ? copyNumber : copyFlag;
  return { name, type, print: print as (value: ParsedLead[typeof name]) => string };
});

/** The columns a batch carries, with their types, in this order in COPY lines and JSON rows. */
const COLUMNS: Record<string, string> = {
  id: "uuid", companyId: "uuid", importId: "uuid",
  ...Object.fromEntries(PLAIN.map(({ name, type }) => [name, type])),
  submittedAt: "timestamptz", extra: "jsonb", rawPoints: "int", score: "int", grade: "text", breakdown: "jsonb", outcome: "text", outcomeAt: "timestamptz",
};
const NAMES = Object.keys(COLUMNS).map((column) => `"${column}"`).join(", ");

export type BatchFormat = "copy" | "json";

export function batchFormat(kind: DatabaseKind): BatchFormat {
  return kind === "postgres" ? "copy" : "json";
}

/** Rows handled between two looks at the event loop (a couple of milliseconds of work). */
export const SLICE = 200;

/** Lets the event loop run: the database's answers are read, and its next work sent. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A batch ready for the database: rows to copy straight into "Lead", and rows to merge. */
export type EncodedBatch = { direct: string; directCount: number; merge: string; mergeCount: number };

export type BatchWriter = {
  /** Scores and encodes a batch of leads (each email once). */
  encode: (leads: ParsedLead[]) => Promise<EncodedBatch>;
  /** Writes an encoded batch; says how many leads it created and how many it wrote. */
  write: (batch: EncodedBatch) => Promise<{ created: number; written: number }>;
};

/**
 * Prepares the writing of one import's batches on `client`, inside its transaction (after the
 * company's lock is taken: whether the company has leads is read then).
 */
export async function batchWriter(
  client: pg.Client,
  format: BatchFormat,
  { importId, companyId, model, fileHasDates, fileHasOutcome }: { importId: string; companyId: string; model: CompiledModel; fileHasDates: boolean; fileHasOutcome: boolean },
): Promise<BatchWriter> {
  const { rows } = await client.query<{ now: Date; fresh: boolean }>(
    `SELECT date_trunc('milliseconds', now()) AS "now", NOT EXISTS (SELECT 1 FROM "Lead" WHERE "companyId" = $1) AS "fresh"`,
    [companyId],
  );
  const { now } = rows[0];
  // Emails this import has written, as bits of a 4 MB bitmap indexed by a hash of the email:
  // a bit already set (now and then by another email) sends the row through the merge, which
  // is right in any case. Nothing here for the garbage collector to walk, however many rows.
  const written = format === "copy" && rows[0].fresh ? new Uint32Array(WRITTEN_BITS / 32) : null;

  const nowText = now.toISOString();
  const ids = `${companyId}\t${importId}`;
  const encode = async (leads: ParsedLead[]): Promise<EncodedBatch> => {
    const direct: string[] = [];
    const merge: string[] = [];
    const rows: unknown[][] = [];
    for (const [index, lead] of leads.entries()) {
      if (index % SLICE === SLICE - 1) await breathe();
      const scored = model.score(lead);
      const outcome = lead.outcome ?? "open";
      if (format === "json") {
        rows.push([
          timeOrderedId(), companyId, importId, ...PLAIN.map(({ name }) => lead[name]), lead.submittedAt ?? now, lead.extra, scored.rawPoints, scored.score, scored.grade, storedBreakdown(scored.breakdown),
          outcome, outcome === "open" ? null : now,
        ]);
        continue;
      }
      // A COPY line, column by column in COLUMNS' order, each value as its type prints.
      let plain = "";
      for (const { name, print } of PLAIN) plain += `\t${print(lead[name])}`;
      const line = [
        // Time-ordered ids append to the primary key index instead of landing on random pages.
        timeOrderedId() + "\t" + ids + plain, lead.submittedAt ? lead.submittedAt.toISOString() : nowText, copyJson(lead.extra),
        String(scored.rawPoints), String(scored.score), scored.grade, breakdownJson(scored.breakdown), outcome, outcome === "open" ? NULL : nowText,
      ].join("\t");
      const bit = written ? emailHash(lead.email) & (WRITTEN_BITS - 1) : 0;
      if (written && (written[bit >>> 5] & (1 << (bit & 31))) === 0) {
        written[bit >>> 5] |= 1 << (bit & 31);
        direct.push(line);
      } else merge.push(line);
    }
    if (format === "json") return { direct: "", directCount: 0, merge: JSON.stringify(rows), mergeCount: rows.length };
    return { direct: copyLines(direct), directCount: direct.length, merge: copyLines(merge), mergeCount: merge.length };
  };

  if (format === "json") {
    const statement = mergeStatement(JSON_ROWS, fileHasDates, fileHasOutcome);
    return {
      encode,
      write: async ({ merge, mergeCount }) =>
        mergeCount === 0 ? { created: 0, written: 0 } : (await client.query<{ created: number; written: number }>(statement, [merge])).rows[0],
    };
  }

  const columns = Object.entries(COLUMNS).map(([column, type]) => `"${column}" ${type}`);
  await client.query(`CREATE TEMPORARY TABLE ${STAGING} (${columns.join(", ")}) ON COMMIT DROP`);
  // The merge and the emptying of the staging table go as one round trip (two statements in
  // one simple query, which takes no parameters).
  const merge = `${mergeStatement(`SELECT * FROM ${STAGING}`, fileHasDates, fileHasOutcome)}; TRUNCATE ${STAGING}`;
  const copy = (into: string, text: string) => pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${into} (${NAMES}) FROM STDIN`)));
  return {
    encode,
    write: async (batch) => {
      if (batch.directCount > 0) await copy(`"Lead"`, batch.direct);
      let merged = { created: 0, written: 0 };
      if (batch.mergeCount > 0) {
        await copy(STAGING, batch.merge);
        const results = (await client.query(merge)) as unknown as pg.QueryResult<{ created: number; written: number }>[];
        merged = results[0].rows[0];
      }
      return { created: batch.directCount + merged.created, written: batch.directCount + merged.written };
    },
  };
}

/** 2^25 bits: at a million leads, about 3% of the rows take the merge for nothing. */
const WRITTEN_BITS = 1 << 25;

/** FNV-1a over the email's UTF-16 code units. */
function emailHash(email: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < email.length; i++) hash = Math.imul(hash ^ email.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Lines of COPY's text format (values tab-separated, \\N for null, special characters escaped) as one text. */
export const copyLines = (lines: string[]) => (lines.length === 0 ? "" : `${lines.join("\n")}\n`);

const NULL = "\\N";
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function copyNumber(value: number | null): string {
  return value === null ? NULL : String(value);
}

export function copyText(value: string | null): string {
  if (value === null) return NULL;
  return COPY_SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => COPY_ESCAPES[char]) : value;
}

function copyFlag(value: boolean | null): string {
  return value === null ? NULL : value ? "t" : "f";
}

function copyJson(value: Record<string, string>): string {
  for (const _ in value) return copyText(JSON.stringify(value));
  return "{}";
}

/**
 * The stored breakdown (points of each criterion that gave any, by criterion id) as JSON text,
 * written directly: criterion ids are ASCII letters and digits (lib/scoring/model.ts), which need no escaping.
 */
function breakdownJson(breakdown: BreakdownEntry[]): string {
  let json = "";
  for (const entry of breakdown) if (entry.points !== 0) json += `${json ? "," : ""}"${entry.criterion}":${entry.points}`;
  return `{${json}}`;
}

const UPDATED = Object.keys(COLUMNS)
  .filter((column) => !["id", "companyId", "email", "submittedAt", "outcome", "outcomeAt"].includes(column))
  .map((column) => `"${column}"`);

/**
 * Inserts the batch's leads, or updates the lead of the company with the same email, reading
 * them from `rows` (a query giving COLUMNS by name). The previous version of an updated lead
 * is kept by the database (trigger "Lead_remember_previous"), for undo. A file without dates
 * or without an outcome column leaves those of existing leads as they are. Answers how many
 * leads it created and how many it wrote.
 */
function mergeStatement(rows: string, fileHasDates: boolean, fileHasOutcome: boolean): string {
  return `
    WITH written AS (
      INSERT INTO "Lead" (${NAMES})
      SELECT ${NAMES} FROM (${rows}) i
      ON CONFLICT ("companyId", "email") DO UPDATE SET ${UPDATED.map((c) => `${c} = EXCLUDED.${c}`).join(", ")},
        "submittedAt" = ${fileHasDates ? `EXCLUDED."submittedAt"` : `"Lead"."submittedAt"`},${
          fileHasOutcome
            ? `
        "outcome" = EXCLUDED."outcome",
        "outcomeAt" = CASE WHEN "Lead"."outcome" IS DISTINCT FROM EXCLUDED."outcome" THEN now() ELSE "Lead"."outcomeAt" END,`
            : ""
        }
        "updatedAt" = now()
      RETURNING (xmax = 0) AS created
    )
    SELECT (count(*) FILTER (WHERE created))::int AS created, count(*)::int AS written FROM written`;
}

/** The rows of a JSON batch ($1), by position. */
const JSON_ROWS = `SELECT ${Object.entries(COLUMNS)
  .map(([column, type], index) => (type === "jsonb" ? `r->${index} AS "${column}"` : `(r->>${index})::${type} AS "${column}"`))
  .join(", ")} FROM jsonb_array_elements($1::jsonb) AS r`;

const STAGING = "import_batch";

/** Rows written per statement: large enough that a statement's fixed cost is small, small enough to keep memory low. */
export const BATCH_ROWS = 5000;

/** The records again, in batches of at least `size` (the last one may be smaller). */
export async function* regroup<T>(batches: AsyncIterable<T[]>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const part of batches) {
    batch = batch.length === 0 ? part : batch.concat(part);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** A row of the file that was not imported: its number, why, and its cells. */
export type Rejection = { row: number; reason: string; cells: string[] };

export async function saveRejections(client: pg.Client, importId: string, rejected: Rejection[]) {
  await client.query(
    `INSERT INTO "ImportRejection" ("importId", "row", "reason", "cells")
     SELECT $1::uuid, r.* FROM unnest($2::int[], $3::text[], $4::jsonb[]) AS r ON CONFLICT DO NOTHING`,
    // The database stores no NUL character: the rejected row keeps a visible stand-in.
    [importId, rejected.map((r) => r.row), rejected.map((r) => r.reason), rejected.map((r) => JSON.stringify(r.cells.map((cell) => cell.replaceAll("\0", "\uFFFD"))))],
  );
}
