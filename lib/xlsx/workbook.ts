import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pipeline as pipe } from "node:stream";
import ExcelJS from "exceljs";
import unzipper from "unzipper";
import { assertHeaderRow, cleanHeaders, CsvFormatError, isBlank, MAX_COLUMNS } from "@/lib/csv/detect";
import type { CsvRecord } from "@/lib/csv/read";
import type { SheetPreview } from "@/lib/imports/file-sample";

/**
 * Excel workbooks (.xlsx), read with exceljs: a workbook becomes the same records a CSV does,
 * so mapping, validation, scoring and accounting are shared.
 *
 * A workbook is a ZIP archive. It is opened through its central directory (random access, from
 * a temporary file), so its parts are read in the order they are needed: relationships,
 * sheet names, shared strings and styles, then each sheet row by row. exceljs's own
 * single-pass reader (`WorkbookReader` over a stream) loses small parts at random on current
 * Node versions (measured here: 4 reads in 15 named the sheets "Sheet1", "Sheet2"…), which
 * would lose shared strings or sheet names; so its parsers are driven part by part here.
 * Every byte unpacked is counted against a limit, whatever sizes the archive declares.
 */

/** The most a workbook may unpack to (LEADRANK_MAX_UNPACKED_MB, default 1,000). */
export function maxUnpackedBytes(): number {
  return Number(process.env.LEADRANK_MAX_UNPACKED_MB || 1000) * 1024 * 1024;
}


type Sheet = { name: string; visible: boolean; rows: () => AsyncIterable<ExcelJS.Row> };

/** The parsers of exceljs's reader used part by part (exceljs is pinned to the version they were read in). */
type ReaderParts = {
  model?: { sheets?: { name: string; state?: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncIterable<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(part: Readable, sheetNo: string): Iterable<{ value: AsyncIterable<ExcelJS.Row> }>;
};

const READER_OPTIONS = { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "ignore" } as const;
const NOT_A_WORKBOOK = "This ZIP archive is not an Excel workbook. Upload an .xlsx workbook or a CSV file.";
const DAMAGED =
  "This workbook could not be read: the file is damaged or not an .xlsx workbook. Open it in your spreadsheet program, save it again as .xlsx (or CSV) and upload it again.";

class TooLargeWhenUnpacked extends CsvFormatError {
  constructor(limit: number) {
    super(
      `This workbook unpacks to more than ${Math.round(limit / 1024 / 1024).toLocaleString("en-US")} MB, the most LeadRank reads. Save its leads as CSV, or split it into smaller workbooks.`,
    );
  }
}

/**
 * The visible sheets that hold leads (a header row and at least one row under it), in the
 * workbook's order, each with its header and first `previewRows` rows. Refuses (CsvFormatError)
 * a workbook without any, and a file that is not a workbook, is damaged or unpacks too large.
 */
export async function previewWorkbook(source: AsyncIterable<Uint8Array>, previewRows = 20): Promise<SheetPreview[]> {
  return withWorkbook(source, async (sheets) => {
    const found: SheetPreview[] = [];
    for (const sheet of sheets) {
      if (!sheet.visible) continue;
      let headers: string[] | undefined;
      const rows: string[][] = [];
      for await (const row of sheet.rows()) {
        const cells = rowCells(row);
        if (isBlank(cells)) continue;
        if (!headers) headers = sheetHeaders(cells, sheet.name);
        else rows.push(cells.map((cell) => cell.trim()));
        if (rows.length >= previewRows) break;
      }
      if (headers && rows.length > 0) found.push({ name: sheet.name, headers, rows });
    }
    if (found.length === 0) throw new CsvFormatError("This workbook has no sheet with leads in it: no sheet has a header row with rows under it.");
    return found;
  });
}

/**
 * The records of one sheet in batches, like `readCsvRecords`: `row` is the row number the
 * spreadsheet shows, blank rows and the header are left out, cells are text (see `cellText`).
 * Hidden and merged rows are read like the others (a merged cell's value is in its first cell).
 */
export async function* readWorkbookRecords(source: AsyncIterable<Uint8Array>, sheetName: string, batchSize = 5000): AsyncGenerator<CsvRecord[]> {
  const file = await toTemporaryFile(source);
  try {
    const sheet = (await openWorkbook(file.path)).find((candidate) => candidate.name === sheetName);
    if (!sheet) throw new CsvFormatError(`The workbook has no sheet named "${sheetName}".`);
    let batch: CsvRecord[] = [];
    let headerSeen = false;
    for await (const row of sheet.rows()) {
      const cells = rowCells(row);
      if (isBlank(cells)) continue;
      if (!headerSeen) {
        headerSeen = true;
        continue;
      }
      batch.push({ row: row.number, cells });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    await file.remove();
  }
}

async function withWorkbook<T>(source: AsyncIterable<Uint8Array>, read: (sheets: Sheet[]) => Promise<T>): Promise<T> {
  const file = await toTemporaryFile(source);
  try {
    return await read(await openWorkbook(file.path));
  } catch (error) {
    if (error instanceof CsvFormatError) throw error;
    throw new CsvFormatError(DAMAGED);
  } finally {
    await file.remove();
  }
}

/** The bytes in a temporary file of their own, for random access. */
async function toTemporaryFile(source: AsyncIterable<Uint8Array>): Promise<{ path: string; remove: () => Promise<void> }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "leadrank-workbook-"));
  const remove = () => fs.promises.rm(dir, { recursive: true, force: true });
  try {
    const file = path.join(dir, "upload.xlsx");
    await pipeline(Readable.from(source), fs.createWriteStream(file));
    return { path: file, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** Reads the workbook's parts that every sheet needs, and lists its sheets in the workbook's order. */
async function openWorkbook(file: string, limit = maxUnpackedBytes()): Promise<Sheet[]> {
  let directory: unzipper.CentralDirectory;
  try {
    directory = await unzipper.Open.file(file);
  } catch {
    throw new CsvFormatError(DAMAGED);
  }
  const parts = new Map(directory.files.map((part) => [part.path, part]));
  if (!parts.has("xl/workbook.xml")) throw new CsvFormatError(NOT_A_WORKBOOK);
  const declared = directory.files.reduce((sum, part) => sum + part.uncompressedSize, 0);
  if (declared > limit) throw new TooLargeWhenUnpacked(limit);

  // Counts what is really unpacked, in case the archive declares less than it holds.
  let unpacked = 0;
  const read = (name: string): Readable => {
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        unpacked += chunk.length;
        done(unpacked > limit ? new TooLargeWhenUnpacked(limit) : null, chunk);
      },
    });
    pipe(parts.get(name)!.stream(), counter, () => {});
    return counter;
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), READER_OPTIONS) as unknown as ReaderParts;
  if (parts.has("xl/_rels/workbook.xml.rels")) await reader._parseRels(read("xl/_rels/workbook.xml.rels"));
  await reader._parseWorkbook(read("xl/workbook.xml"));
  if (parts.has("xl/sharedStrings.xml")) for await (const _ of reader._parseSharedStrings(read("xl/sharedStrings.xml"))); // eslint-disable-line @typescript-eslint/no-unused-vars
  if (parts.has("xl/styles.xml")) await reader._parseStyles(read("xl/styles.xml"));

  return (reader.model?.sheets ?? []).flatMap((sheet) => {
    const target = reader.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target;
    const name = target && (target.startsWith("/") ? target.slice(1) : `xl/${target}`);
    if (!name || !parts.has(name)) return [];
    const rows = () => [...reader._parseWorksheet(read(name), name)][0].value;
    return [{ name: sheet.name, visible: (sheet.state ?? "visible") === "visible", rows }];
  });
}

function sheetHeaders(cells: string[], sheetName: string): string[] {
  try {
    assertHeaderRow(cells);
  } catch (error) {
    throw new CsvFormatError(`Sheet "${sheetName}": ${(error as Error).message}`);
  }
  if (cells.length > MAX_COLUMNS) {
    throw new CsvFormatError(`Sheet "${sheetName}" has more than ${MAX_COLUMNS.toLocaleString("en-US")} columns, the most LeadRank reads. Remove the columns you do not need and upload it again.`);
  }
  return cleanHeaders(cells);
}

/** A row's cells as text, from column A to its last cell. */
function rowCells(row: ExcelJS.Row): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    while (cells.length < column - 1) cells.push("");
    cells.push(cellText(cell.value, cell.numFmt));
  });
  return cells;
}

/**
 * A cell as the text a CSV of the sheet would hold: numbers as numbers ("1250", "0.5"), dates
 * and date-times as the same wall-clock time without a zone ("2026-03-01", "2026-03-01T09:30:00",
 * which LeadRank reads as UTC), formulas as their cached result, TRUE/FALSE, and an error as
 * Excel shows it ("#N/A").
 */
export function cellText(value: ExcelJS.CellValue | undefined, numFmt?: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return isDateFormat(numFmt) ? wallClock(excelDate(value)) : String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return wallClock(value);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, numFmt);
  if ("error" in value) return value.error;
  if ("text" in value) return typeof value.text === "string" ? value.text : cellText(value.text);
  return "";
}

/** A date number format, as Excel decides it: day, month, year or time codes outside quotes and brackets. */
function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return /[dmyhs]/i.test(numFmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "").replace(/General/gi, ""));
}

/** Excel's day number (days since 1899-12-30, the time of day as the fraction) as a Date in UTC. */
function excelDate(days: number): Date {
  return new Date(Math.round((days - 25569) * 86_400_000));
}

function wallClock(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const iso = date.toISOString();
  if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
  return iso.endsWith(".000Z") ? iso.slice(0, 19) : iso.slice(0, 23);
}
