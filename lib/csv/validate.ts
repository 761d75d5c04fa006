import { z } from "zod";
import { fieldByName, LEAD_FIELDS } from "./fields";
import { IGNORE, type Mapping } from "./mapping";
import { readOutcome, type Outcome, type OutcomeValues } from "./outcome";
import { FORMULA_START } from "./write";

/**
 * Turns one CSV record into a lead, or into a reason a person understands. Every cell is
 * trimmed; empty cells are "unknown". The rules for sizes, yes/no values and dates are
 * documented in docs/importing.md.
 */

export const MAX_CELL_LENGTH = 10_000;
/** The largest whole number PostgreSQL's integer column holds. */
export const MAX_INTEGER = 2_147_483_647;
/** A submitted date may be at most this far ahead of now (time zones), never further. */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/** What each type of field holds once parsed (null: empty or missing). */
type Parsed = { email: string; text: string | null; integer: number | null; boolean: boolean | null; date: Date | null; outcome: Outcome | null };

/** A row read as a lead: every field of LEAD_FIELDS, by its type. */
export type ParsedLead = { [F in (typeof LEAD_FIELDS)[number] as F["name"]]: Parsed[F["type"]] } & {
  /** A value of the outcome column that no choice or rule knew (the lead is kept open). The outcome is null when the file has no outcome column (the lead's outcome is then left as it is). */
  unknownOutcome?: string;
  /** Unmapped columns with a value, by header. */
  extra: Record<string, string>;
};

export type RowResult = { ok: true; lead: ParsedLead } | { ok: false; reason: string };

const quote = (value: string) => `"${value.length > 60 ? `${value.slice(0, 57)}…` : value}"`;

const NUMBER = /^\d+$|^\d{1,3}(?:[,.' ]\d{3})+$/;

/**
 * Employees as a whole number. "1,200" and "1.200" are 1200; a range counts as its lower
 * bound ("51-200" → 51, the size the company has at least); "10,001+" is 10001; "5k" is 5000.
 */
export function parseCompanySize(text: string): number | null | undefined {
  if (/^\d{1,9}$/.test(text)) return Number(text);
  const value = text.replace(/\s+(?=\d{3}\b)/g, "").trim();
  if (value === "") return null;
  const whole = (part: string) => (NUMBER.test(part) ? Number(part.replace(/[,.' ]/g, "")) : undefined);
  const thousands = /^(\d+(?:[.,]\d+)?)\s*k$/i.exec(value);
  if (thousands) return Math.round(Number(thousands[1].replace(",", ".")) * 1000);
  const range = /^(.+?)\s*(?:-|–|—|to)\s*(.+)$/i.exec(value);
  if (range) {
    const [low, high] = [whole(range[1]), whole(range[2])];
    return low !== undefined && high !== undefined && low <= high ? low : undefined;
  }
  return whole(value.replace(/\+$/, ""));
}

const TRUE = new Set(["yes", "y", "true", "1"]);
const FALSE = new Set(["no", "n", "false", "0"]);

export function parseYesNo(text: string): boolean | null | undefined {
  const value = text.trim().toLowerCase();
  if (value === "") return null;
  return TRUE.has(value) ? true : FALSE.has(value) ? false : undefined;
}

const FULL_ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;
const EUROPEAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function utcDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  return valid ? date : undefined;
}

/**
 * ISO dates and times (2026-11-23, 2026-11-23T14:05:00Z, 2026/11/23), US dates with slashes
 * (11/23/2026: month first) and European dates with dots (23.11.2026: day first). Times
 * without a zone are taken as UTC.
 */
export function parseDate(text: string): Date | null | undefined {
  const value = text.trim();
  if (value === "") return null;
  if (FULL_ISO_UTC.test(value)) {
    // The common case, as CRMs export it; anything Date cannot read falls through.
    const date = new Date(value);
    if (date.getUTCDate() === Number(value.slice(8, 10))) return date;
  }
  let m = ISO.exec(value);
  if (m) {
    const date = utcDate(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), +(m[7]?.padEnd(3, "0") ?? 0));
    if (!date || !m[8] || /^z$/i.test(m[8])) return date;
    const [, sign, hh, mm] = /^([+-])(\d{2}):?(\d{2})$/.exec(m[8])!;
    return new Date(date.getTime() - (sign === "+" ? 1 : -1) * (+hh * 60 + +mm) * 60_000);
  }
  m = US.exec(value);
  if (m) {
    let hour = +(m[4] ?? 0);
    if (m[7]) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (m[7].toUpperCase() === "PM" ? 12 : 0);
    }
    return utcDate(+m[3], +m[1], +m[2], hour, +(m[5] ?? 0), +(m[6] ?? 0));
  }
  m = EUROPEAN.exec(value);
  if (m) return utcDate(+m[3], +m[2], +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return undefined;
}

/** What a typed cell holds, or why it cannot be read (in words for the person who wrote it). */
type CellResult<T = unknown> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** An email address as LeadRank keys leads (and their activities) by it: trimmed by the reader, lower-cased, valid. */
export function readEmail(value: string): CellResult<string> {
  if (value.length === 0) return fail("No email address.");
  if (value.length > 254) return fail("The email address is longer than 254 characters, the most an address can have.");
  const email = value.toLowerCase();
  return z.regexes.email.test(email) ? { ok: true, value: email } : fail(`${quote(email)} is not a valid email address.`);
}

/**
 * A date as parseDate reads it (null when empty), at most a day ahead of now: `label` names it in
 * the message, and `future` adds why a later one cannot be.
 */
export function readPastDate(value: string, label: string, future = ""): CellResult<Date | null> {
  const date = parseDate(value);
  if (date && date.getTime() > Date.now() + FUTURE_SLACK_MS) return fail(`${label} ${quote(value)} is in the future${future}.`);
  if (date !== undefined) return { ok: true, value: date };
  return fail(`${label} ${quote(value)} is not a date LeadRank reads (write 2026-11-23, 11/23/2026 or 23.11.2026).`);
}

/**
 * The reader of one typed field's cells. Plain functions rather than a schema per cell: they
 * run for every cell of every import (zod's per-call machinery was a tenth of an import's
 * JavaScript time); the email pattern is zod's own.
 */
function cellReader(label: string, type: string): ((value: string) => CellResult) | null {
  switch (type) {
    case "email":
      return readEmail;
    case "integer":
      return (value) => {
        const size = parseCompanySize(value);
        if (size !== undefined && size !== null && size > MAX_INTEGER) {
          return fail(`${label} ${quote(value)} is above ${MAX_INTEGER.toLocaleString("en-US")}, the largest LeadRank stores.`);
        }
        if (size !== undefined) return { ok: true, value: size };
        return fail(`${label} ${quote(value)} is not a number of employees (write e.g. 250, 1,200, 51-200 or 10,001+).`);
      };
    case "boolean":
      return (value) => {
        const answer = parseYesNo(value);
        return answer !== undefined ? { ok: true, value: answer } : fail(`${label} ${quote(value)} is not yes or no.`);
      };
    case "date":
      return (value) => readPastDate(value, label, "; a lead cannot have been submitted then");
    default:
      return null;
  }
}


const EMPTY = Object.fromEntries(LEAD_FIELDS.map((field) => [field.name, field.type === "email" ? "" : null]));
const emptyLead = (): ParsedLead => ({
  ...(EMPTY as Omit<ParsedLead, "extra">),
  // Headers are the file's text: "__proto__" is an ordinary column name.
  extra: Object.create(null),
});

/**
 * Takes back the one apostrophe LeadRank's export (or a spreadsheet) put before a cell that
 * would otherwise run as a formula ('=1+1, '+49 30 …): the same characters lib/csv/write.ts neutralises.
 */
const unneutralise = (cell: string) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell);

/**
 * Prepares the checks for one file's mapping; call the result once per record. Each mapped
 * cell goes through its field's zod schema; the first problems found make the reason. The
 * outcome column is read with the user's choices for its values (`outcomeValues`) and the
 * default rules (lib/csv/outcome.ts): it never rejects a row.
 */
export function createRowReader(headers: string[], mapping: Mapping, outcomeValues: OutcomeValues = {}): (cells: string[]) => RowResult {
  const width = headers.length;
  // Free text cannot be wrong, so only typed fields (email, size, yes/no, dates) go through zod.
  const columns = mapping.map((field) => {
    const definition = field && field !== IGNORE ? fieldByName(field) : undefined;
    return field === IGNORE ? IGNORE : field && definition ? { field, read: cellReader(definition.label, definition.type) } : null;
  });
  const emailMapped = mapping.includes("email");

  return (cells) => {
    if (cells.length > width && cells.slice(width).some((cell) => cell.trim() !== "")) {
      return { ok: false, reason: `This row has ${cells.length} cells but the header has ${width} columns (a stray delimiter or quote?).` };
    }
    const lead = emptyLead();
    let reason = emailMapped ? "" : "No email address.";
    for (let i = 0; i < width; i++) {
      const column = columns[i];
      if (column === IGNORE) continue;
      const cell = unneutralise((cells[i] ?? "").trim());
      if (cell.includes("\0")) {
        return { ok: false, reason: `The "${headers[i]}" cell holds an invisible control character (NUL) that cannot be stored. Remove it and import the row again.` };
      }
      if (cell.length > MAX_CELL_LENGTH) {
        return { ok: false, reason: `The "${headers[i]}" cell is ${cell.length.toLocaleString("en-US")} characters long; the limit is ${MAX_CELL_LENGTH.toLocaleString("en-US")}.` };
      }
      if (!column) {
        if (cell !== "") lead.extra[headers[i]] = cell;
        continue;
      }
      if (column.field === "outcome") {
        const read = readOutcome(cell, outcomeValues);
        lead.outcome = read.outcome;
        if (read.unknown !== undefined) lead.unknownOutcome = read.unknown;
        continue;
      }
      if (!column.read) {
        (lead as Record<string, unknown>)[column.field] = cell || null;
        continue;
      }
      const parsed = column.read(cell);
      if (parsed.ok) (lead as Record<string, unknown>)[column.field] = parsed.value;
      else reason += (reason ? " " : "") + parsed.message;
    }
    return reason ? { ok: false, reason } : { ok: true, lead };
  };
}
