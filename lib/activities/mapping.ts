import { z } from "zod";
import { fieldsByAlias } from "@/lib/csv/mapping";
import { readActivity, type Activity } from "./activity";

/**
 * Where each column of an activity file goes. Two shapes of file:
 * - one row per activity: a column of emails, of activity types and of dates (detail, source and
 *   event id optional);
 * - one row per lead, one column per activity type (a webinar list "Email, Registered, Attended",
 *   a newsletter report "Email, Opens, Clicks"): each such column is mapped to COUNTED, its header
 *   is the type, its cell a count or yes/no, dated by the date column or by the day of the import.
 */
export const ACTIVITY_FIELDS = [
  { name: "email", label: "Email", aliases: ["Email", "Email Address", "Contact Email", "E-mail", "Work Email", "Mail", "Subscriber", "Recipient"] },
  { name: "type", label: "Activity type", aliases: ["Activity Type", "Activity", "Event", "Event Type", "Action", "Type", "Interaction"] },
  {
    name: "occurredAt",
    label: "Date",
    aliases: ["Occurred At", "Activity Date", "Date", "Timestamp", "Event Date", "Time", "Created", "Created At", "Date Time", "Datetime"],
  },
  { name: "detail", label: "Detail (URL, page, subject, campaign)", aliases: ["Detail", "Details", "URL", "Page", "Page URL", "Subject", "Campaign", "Link"] },
  { name: "source", label: "Source", aliases: ["Source", "Channel", "Tool"] },
  { name: "eventId", label: "Event ID", aliases: ["Event ID", "Activity ID", "ID"] },
] as const;

export type ActivityFieldName = (typeof ACTIVITY_FIELDS)[number]["name"];
const FIELD_NAMES = ACTIVITY_FIELDS.map((field) => field.name) as [ActivityFieldName, ...ActivityFieldName[]];

/** A column whose header is an activity type and whose cells count that activity (or say yes/no). */
export const COUNTED = "counted";

/** One entry per column: the activity field it fills, COUNTED, or null (ignored). */
export type ActivityMapping = (ActivityFieldName | typeof COUNTED | null)[];

export const activityMappingSchema = z.array(z.enum([...FIELD_NAMES, COUNTED]).nullable());

/** A counted cell may say at most this many activities (a newsletter's opens in a report). */
export const MAX_COUNT = 100;
/** A row may hold at most this many activities in all (the wide shape's counts added up). */
export const MAX_PER_ROW = 10_000;

const fieldsOf = fieldsByAlias(ACTIVITY_FIELDS);

/**
 * The field each header names. When no column names the type, the other columns whose first
 * rows hold only counts or yes/no are taken as activity types counted per row (the wide shape).
 */
export function suggestActivityMapping(headers: string[], rows: string[][] = []): ActivityMapping {
  const mapping: ActivityMapping = fieldsOf(headers);
  if (mapping.includes("type") || rows.length === 0) return mapping;
  return mapping.map((field, column) => {
    if (field !== null) return field;
    const cells = rows.map((row) => (row[column] ?? "").trim()).filter((cell) => cell !== "");
    return cells.length > 0 && cells.every((cell) => readCount(cell) !== undefined) ? COUNTED : null;
  });
}

const label = (name: ActivityFieldName) => ACTIVITY_FIELDS.find((field) => field.name === name)!.label;

/** What stops an activity import before it starts: a missing email, type or date, a field mapped twice. */
export function activityMappingProblems(headers: string[], mapping: ActivityMapping): string[] {
  const problems: string[] = [];
  if (mapping.length !== headers.length) problems.push(`The mapping has ${mapping.length} entries but the file has ${headers.length} columns.`);
  const counted = mapping.includes(COUNTED);
  if (!mapping.includes("email")) problems.push("Choose the column that holds email addresses: every activity belongs to a lead's email.");
  if (!mapping.includes("type") && !counted) {
    problems.push("Choose the column that says what the lead did (the activity type), or mark columns as activity types counted per row.");
  }
  if (mapping.includes("type") && counted) problems.push("Choose either a column of activity types or columns counted per row, not both.");
  if (!mapping.includes("occurredAt") && !counted) problems.push("Choose the column that says when each activity happened (the date).");
  if (mapping.includes("eventId") && counted) problems.push("An event ID names one activity: it cannot go with columns counted per row.");
  const seen = new Map<ActivityFieldName, string>();
  mapping.forEach((field, index) => {
    if (field === null || field === COUNTED) return;
    if (seen.has(field)) problems.push(`Both "${seen.get(field)}" and "${headers[index]}" are mapped to ${label(field)}; choose one.`);
    else seen.set(field, headers[index]);
  });
  return problems;
}

const YES = new Set(["yes", "y", "true", "x", "✓", "✔"]);
const NO = new Set(["no", "n", "false", "-"]);

/** A counted cell: a whole number, or yes (1) / no (0); undefined when it is neither. An empty cell is 0. */
export function readCount(cell: string): number | undefined {
  const value = cell.trim().toLowerCase();
  if (value === "" || NO.has(value)) return 0;
  if (YES.has(value)) return 1;
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

export type ActivityRow = { ok: true; activities: Activity[]; cut: boolean } | { ok: false; reason: string };

/**
 * Turns one record of an activity file into its activities (none, one, or a count per counted
 * column), or into the reason it cannot be used. `importDay` dates the activities of a file in
 * the wide shape that has no date column.
 */
export function createActivityReader(headers: string[], mapping: ActivityMapping, importDay: Date): (cells: string[]) => ActivityRow {
  const column = (field: ActivityFieldName) => mapping.indexOf(field);
  const [email, type, occurredAt, detail, source, eventId] = FIELD_NAMES.map(column);
  const cell = (cells: string[], index: number) => (index < 0 ? undefined : cells[index]);
  const counted = mapping.flatMap((field, index) => (field === COUNTED ? [{ index, type: headers[index] }] : []));
  const day = importDay.toISOString();

  return (cells) => {
    const input = {
      email: cell(cells, email) ?? "",
      occurredAt: occurredAt < 0 ? day : (cell(cells, occurredAt) ?? ""),
      detail: cell(cells, detail),
      source: cell(cells, source),
      eventId: cell(cells, eventId),
    };
    if (counted.length === 0) {
      const read = readActivity({ ...input, type: cell(cells, type) ?? "" });
      return read.ok ? { ok: true, activities: [read.activity], cut: read.cut } : { ok: false, reason: read.message };
    }
    const activities: Activity[] = [];
    let cut = false;
    for (const { index, type: header } of counted) {
      const text = cells[index] ?? "";
      const count = readCount(text);
      if (count === undefined) return { ok: false, reason: `"${header}" holds "${text.slice(0, 40)}": a count (0, 1, 2…) or yes/no.` };
      if (count > MAX_COUNT) return { ok: false, reason: `"${header}" holds ${count}: a cell counts at most ${MAX_COUNT} activities.` };
      if (count === 0) continue;
      if (activities.length + count > MAX_PER_ROW) return { ok: false, reason: `The row counts more than ${MAX_PER_ROW.toLocaleString("en-US")} activities in all.` };
      const read = readActivity({ ...input, type: header });
      if (!read.ok) return { ok: false, reason: read.message };
      cut ||= read.cut;
      // The same count in the same file again is the same activities: the n-th is told apart by its number.
      for (let nth = 1; nth <= count; nth++) activities.push(nth === 1 ? read.activity : { ...read.activity, nth });
    }
    return { ok: true, activities, cut };
  };
}
