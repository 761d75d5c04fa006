import type { CsvSample } from "@/lib/csv/detect";

/** A sheet with leads: its name, header and first rows, as the mapping step shows them. */
export type SheetPreview = { name: string; headers: string[]; rows: string[][] };

/**
 * What an upload holds: a CSV's format, header and first rows, or a workbook's sheets with leads
 * (`sheet` is the one chosen, the first by default; `headers` and `rows` are its own).
 */
export type FileSample = ({ kind: "csv" } & CsvSample) | { kind: "xlsx"; sheet: string; sheets: SheetPreview[]; headers: string[]; rows: string[][] };

/** A workbook's sample: its sheets with leads, the first of them chosen. */
export function workbookSample(sheets: SheetPreview[]): FileSample {
  return { kind: "xlsx", sheet: sheets[0].name, sheets, headers: sheets[0].headers, rows: sheets[0].rows };
}

/** The sample with another of the workbook's sheets chosen; undefined when it has no such sheet. */
export function withSheet(sample: FileSample, name: string): FileSample | undefined {
  if (sample.kind !== "xlsx") return undefined;
  const sheet = sample.sheets.find((candidate) => candidate.name === name);
  return sheet && { ...sample, sheet: sheet.name, headers: sheet.headers, rows: sheet.rows };
}
