import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pipeline as pipe } from "node:stream";
import ExcelJS from "exceljs";
import { SaxesParser } from "saxes";
import unzipper from "unzipper";
import { assertColumnCount, assertHeaderRow, cleanHeaders, CsvFormatError, isBlank } from "@/lib/csv/detect";
import type { CsvRecord } from "@/lib/csv/read";
import type { SheetPreview } from "@/lib/imports/file-sample";

/**
 * Excel workbooks (.xlsx): a workbook becomes the same records a CSV does, so mapping,
 * validation, scoring and accounting are shared.
 *
 * A workbook is a ZIP archive. It is opened through its central directory (random access, from
 * a temporary file), so its parts are read in the order they are needed: relationships, sheet
 * names, shared strings and styles (with exceljs's parsers), then the chosen sheet row by row
 * (with saxes, the XML parser exceljs uses, straight into text cells). exceljs's own
 * single-pass reader (`WorkbookReader` over a stream) loses small parts at random on current
 * Node versions (measured here: 4 reads in 15 named the sheets "Sheet1", "Sheet2"…), which
 * would lose shared strings or sheet names. Every byte unpacked is counted against a limit,
 * whatever sizes the archive declares.
 */

/** The most a workbook may unpack to (LEADRANK_MAX_UNPACKED_MB, default 1,000). */
export function maxUnpackedBytes(): number {
  return Number(process.env.LEADRANK_MAX_UNPACKED_MB || 1000) * 1024 * 1024;
}

/**
 * The most the table of shared strings (every text cell's text, held in memory while a sheet
 * is read) may take, and the most any other part read whole may unpack to
 * (LEADRANK_MAX_SHARED_STRINGS_MB, default 64). Sheets are read as they unpack and count only
 * against the workbook's limit: a 1 MB file whose shared strings unpack to 400 MB made the
 * server hold 1 GB before.
 */
export function maxSharedStringsBytes(): number {
  return Number(process.env.LEADRANK_MAX_SHARED_STRINGS_MB || 64) * 1024 * 1024;
}

/** A row of a sheet: its number as the spreadsheet shows it, and its cells as text from column A. */
type SheetRow = { number: number; cells: string[] };

type Sheet = { name: string; visible: boolean; rows: () => AsyncIterable<SheetRow> };

/** The parsers of exceljs's reader used part by part (exceljs is pinned to the version they were read in). */
type ReaderParts = {
  model?: { sheets?: { name: string; state?: string; rId: string }[] };
  properties?: { model?: { date1904?: boolean } };
  workbookRels?: { Id: string; Target: string }[];
  sharedStrings?: string[];
  styles: { getStyleModel(id: number): { numFmt?: string } | null | undefined };
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncIterable<{ text: string | null | { richText: { text?: string }[] } }>;
  _parseStyles(part: Readable): Promise<void>;
};

const READER_OPTIONS = { sharedStrings: "emit", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "ignore" } as const;
const NOT_A_WORKBOOK = "This ZIP archive is not an Excel workbook. Upload an .xlsx workbook or a CSV file.";
const DAMAGED =
  "This workbook could not be read: the file is damaged or not an .xlsx workbook. Open it in your spreadsheet program, save it again as .xlsx (or CSV) and upload it again.";

class PartTooLarge extends CsvFormatError {
  constructor(limit: number) {
    super(
      `This workbook's text takes more than ${Math.round(limit / 1024 / 1024).toLocaleString("en-US")} MB once unpacked, the most LeadRank holds for one workbook. Save its leads as CSV, or split it into smaller workbooks.`,
    );
  }
}

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
      for await (const { cells } of sheet.rows()) {
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
 * spreadsheet shows, blank rows and the header are left out, cells are text (see `cellValue`).
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
      const { cells } = row;
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

  // Counts what is really unpacked, in case the archive declares less than it holds: in all,
  // and for a part read whole into memory (`partLimit`), that part alone.
  let unpacked = 0;
  const partLimit = maxSharedStringsBytes();
  const read = (name: string, whole = true): Readable => {
    let part = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        unpacked += chunk.length;
        part += chunk.length;
        done(unpacked > limit ? new TooLargeWhenUnpacked(limit) : whole && part > partLimit ? new PartTooLarge(partLimit) : null, chunk);
      },
    });
    pipe(parts.get(name)!.stream(), counter, () => {});
    return counter;
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), READER_OPTIONS) as unknown as ReaderParts;
  if (parts.has("xl/_rels/workbook.xml.rels")) await reader._parseRels(read("xl/_rels/workbook.xml.rels"));
  await reader._parseWorkbook(read("xl/workbook.xml"));
  if (parts.has("xl/sharedStrings.xml")) reader.sharedStrings = await sharedStrings(reader._parseSharedStrings(read("xl/sharedStrings.xml")), partLimit);
  if (parts.has("xl/styles.xml")) await reader._parseStyles(read("xl/styles.xml"));

  return (reader.model?.sheets ?? []).flatMap((sheet) => {
    const target = reader.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target;
    const name = target && (target.startsWith("/") ? target.slice(1) : `xl/${target}`);
    if (!name || !parts.has(name)) return [];
    return [{ name: sheet.name, visible: (sheet.state ?? "visible") === "visible", rows: () => sheetRows(read(name, false), reader) }];
  });
}

/**
 * The table of shared strings as plain text, refused (PartTooLarge) once what it holds in
 * memory passes `limit`: two bytes a character and a string's own overhead, so that a million
 * one-letter strings count for what they cost, not for their few bytes of XML.
 */
async function sharedStrings(items: AsyncIterable<{ text: string | null | { richText: { text?: string }[] } }>, limit: number): Promise<string[]> {
  const strings: string[] = [];
  let size = 0;
  for await (const { text } of items) {
    const plain = text === null ? "" : typeof text === "string" ? text : text.richText.map((part) => part.text ?? "").join("");
    size += 2 * plain.length + 32;
    if (size > limit) throw new PartTooLarge(limit);
    strings.push(plain);
  }
  return strings;
}

function sheetHeaders(cells: string[], sheetName: string): string[] {
  try {
    assertHeaderRow(cells);
  } catch (error) {
    throw new CsvFormatError(`Sheet "${sheetName}": ${(error as Error).message}`);
  }
  assertColumnCount(cells, `Sheet "${sheetName}"`);
  return cleanHeaders(cells);
}

/**
 * The rows of a sheet's XML, read with saxes (the XML parser exceljs uses) straight into text
 * cells: the same values exceljs's row reader gives, without building its row and cell objects
 * (which took a third of a workbook import's time).
 */
async function* sheetRows(part: Readable, reader: ReaderParts): AsyncGenerator<SheetRow> {
  const parser = new SaxesParser();
  const date1904 = reader.properties?.model?.date1904 === true;
  const isDate = new Map<number, boolean>();
  const dateStyle = (style: number) => {
    let known = isDate.get(style);
    if (known === undefined) isDate.set(style, (known = isDateFormat(reader.styles.getStyleModel(style)?.numFmt)));
    return known;
  };
  let done: SheetRow[] = [];
  let row: SheetRow | null = null;
  // A row without its number (r="…") is the one after the last.
  let lastNumber = 0;
  let cell: { column: number; type: string; style: number; value: string; inValue: boolean } | null = null;
  parser.on("opentag", (node) => {
    switch (node.name) {
      case "row":
        row = { number: (lastNumber = Number(node.attributes.r) || lastNumber + 1), cells: [] };
        break;
      case "c":
        if (row) {
          const ref = node.attributes.r as string | undefined;
          const column = ref ? columnIndex(ref) : row.cells.length;
          cell = { column, type: (node.attributes.t as string | undefined) ?? "n", style: Number(node.attributes.s) || 0, value: "", inValue: false };
        }
        break;
      case "v":
      case "t":
        if (cell) cell.inValue = true;
        break;
    }
  });
  parser.on("text", (text) => {
    if (cell?.inValue) cell.value += text;
  });
  parser.on("closetag", (node) => {
    switch (node.name) {
      case "v":
      case "t":
        if (cell) cell.inValue = false;
        break;
      case "c":
        if (row && cell) {
          while (row.cells.length < cell.column) row.cells.push("");
          row.cells[cell.column] = cellValue(cell, reader.sharedStrings ?? [], date1904, dateStyle);
        }
        cell = null;
        break;
      case "row":
        if (row) done.push(row);
        row = null;
        break;
    }
  });
  const decoder = new TextDecoder();
  for await (const chunk of part as AsyncIterable<Buffer>) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (done.length > 0) {
      yield* done;
      done = [];
    }
  }
  parser.write(decoder.decode());
  parser.close();
  yield* done;
}

/** "C12" → 2: the column letters of a cell reference as a zero-based index. */
function columnIndex(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  return column - 1;
}

/**
 * A cell as the text a CSV of the sheet would hold: numbers as numbers ("1250", "0.5"), dates
 * and date-times as the same wall-clock time without a zone ("2026-03-01", "2026-03-01T09:30:00",
 * which LeadRank reads as UTC), a formula as the value saved with it, TRUE/FALSE, and an error
 * as Excel shows it ("#N/A").
 */
function cellValue(
  cell: { type: string; style: number; value: string },
  sharedStrings: string[],
  date1904: boolean,
  dateStyle: (style: number) => boolean,
): string {
  const { type, value } = cell;
  switch (type) {
    case "s": {
      return sharedStrings[Number(value)] ?? "";
    }
    case "b":
      return value === "" ? "" : value !== "0" ? "TRUE" : "FALSE";
    case "inlineStr":
    case "str":
    case "e":
      return value;
    case "d":
      return value ? wallClock(new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`)) : "";
    default: {
      if (value === "") return "";
      const number = Number(value);
      if (Number.isNaN(number)) return value;
      return dateStyle(cell.style) ? wallClock(excelDate(number, date1904)) : String(number);
    }
  }
}

/** A date number format, as Excel decides it: day, month, year or time codes outside quotes and brackets. */
function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return /[dmyhs]/i.test(numFmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "").replace(/General/gi, ""));
}

/**
 * Excel's day number (days since 1899-12-30, or 1904-01-01 in the 1904 system; the time of day
 * as the fraction) as a Date in UTC, to the nearest second as Excel's own HOUR, MINUTE and
 * SECOND read it: a time stored with six decimals (22:19:00 as …0.929861) is otherwise 10 ms early.
 */
export function excelDate(days: number, date1904 = false): Date {
  return new Date(Math.round((days - 25569 + (date1904 ? 1462 : 0)) * 86_400) * 1000);
}

function wallClock(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const iso = date.toISOString();
  if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
  return iso.endsWith(".000Z") ? iso.slice(0, 19) : iso.slice(0, 23);
}
