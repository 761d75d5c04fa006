import { ACTIVITY_FIELDS, activityMappingProblems, COUNTED, createActivityReader, suggestActivityMapping, type ActivityMapping } from "@/lib/activities/mapping";
import { fieldByName, LEAD_FIELDS } from "@/lib/csv/fields";
import { IGNORE, mappingProblems, suggestMapping, type Mapping } from "@/lib/csv/mapping";
import type { OutcomeValues } from "@/lib/csv/outcome";
import { createRowReader } from "@/lib/csv/validate";
import type { ImportKind } from "@/lib/imports/schemas";

/** A mapping of either kind, as the mapping step edits it. */
export type AnyMapping = Mapping | ActivityMapping;

/** What the import page offers for each kind of file: the choices for a column, the checks, the preview of a row. */
type KindView = {
  title: string;
  hint: string;
  /** Where such files come from, for the drop zone. */
  sources: string;
  /** The choices for a column: "" (the column's null) first. */
  options: { value: string; label: string }[];
  /** What a column's choice is called on the import's page. */
  label: (value: string | null) => string;
  columnsNote: string;
  suggest: (headers: string[], rows: string[][]) => AnyMapping;
  problems: (headers: string[], mapping: AnyMapping) => string[];
  /** Each row of the sample: ready (with what it holds) or why not. */
  preview: (headers: string[], rows: string[][], mapping: AnyMapping, outcomeValues: OutcomeValues) => { ok: boolean; text: string }[];
};

const COUNTED_LABEL = "Activity type: a count or yes/no per row";
const activityLabel = (value: string | null) =>
  value === COUNTED ? COUNTED_LABEL : (ACTIVITY_FIELDS.find((field) => field.name === value)?.label ?? "ignored");

export const KINDS: Record<ImportKind, KindView> = {
  leads: {
    title: "Leads",
    hint: "people and companies to score",
    sources: "CSV exports from HubSpot, Salesforce or any CRM",
    options: [
      { value: "", label: "Keep as extra data" },
      { value: IGNORE, label: "Ignore this column" },
      ...LEAD_FIELDS.map((field) => ({ value: field.name, label: field.label })),
    ],
    label: (value) => fieldByName(value)?.label ?? (value === IGNORE ? "ignored" : "extra data"),
    columnsNote: "Check where each column goes. Columns you keep as extra data are stored with the lead and exported again.",
    suggest: (headers) => suggestMapping(headers),
    problems: (headers, mapping) => mappingProblems(headers, mapping as Mapping),
    preview: (headers, rows, mapping, outcomeValues) => {
      const read = createRowReader(headers, mapping as Mapping, outcomeValues);
      return rows.map((cells) => {
        const result = read(cells);
        return result.ok ? { ok: true, text: "Ready" } : { ok: false, text: result.reason };
      });
    },
  },
  activities: {
    title: "Activities",
    hint: "clicks, visits, form fills, meetings",
    sources: "Exports of your newsletter tool, website forms, calendar or webinar tool",
    options: [
      { value: "", label: "Ignore this column" },
      ...ACTIVITY_FIELDS.map((field) => ({ value: field.name, label: field.label })),
      { value: COUNTED, label: COUNTED_LABEL },
    ],
    label: activityLabel,
    columnsNote:
      "One row per activity: choose the email, activity type and date columns. One row per person with a column per activity (Registered, Attended, Opens, Clicks): mark those columns as activity types; each cell is a count or yes/no.",
    suggest: (headers, rows) => suggestActivityMapping(headers, rows),
    problems: (headers, mapping) => activityMappingProblems(headers, mapping as ActivityMapping),
    preview: (headers, rows, mapping) => {
      const today = new Date(new Date().toISOString().slice(0, 10));
      const read = createActivityReader(headers, mapping as ActivityMapping, today);
      return rows.map((cells) => {
        const result = read(cells);
        if (!result.ok) return { ok: false, text: result.reason };
        const count = result.activities.length;
        return { ok: true, text: count === 1 ? "Ready: 1 activity" : `Ready: ${count.toLocaleString("en-US")} activities` };
      });
    },
  },
};

/** A column's choice is shown in the preview (a field, not extra data or ignored). */
export const isShown = (value: string | null) => value !== null && value !== IGNORE;
