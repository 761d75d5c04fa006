import Papa from "papaparse";

/**
 * Looks at the first bytes of an upload: its encoding, whether it is a CSV at all, its
 * delimiter and its header. Pure and browser-safe, so the import page shows the same
 * answers before uploading that the server uses when importing.
 */

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
export type Delimiter = "," | ";" | "\t" | "|";

export const DELIMITERS: Delimiter[] = [",", ";", "\t", "|"];
export const DELIMITER_NAMES: Record<Delimiter, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };
export const ENCODING_NAMES: Record<Encoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 (little-endian)",
  "utf-16be": "UTF-16 (big-endian)",
  "windows-1252": "Windows-1252 (Western European)",
};

/** How much of a file is read to detect its format and preview it. */
export const SAMPLE_BYTES = 64 * 1024;

export class CsvFormatError extends Error {}

/** The encoding a byte-order mark announces, if any, and how many bytes it takes. */
export function byteOrderMark(bytes: Uint8Array): { encoding: Encoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

/** A ZIP archive, as every .xlsx workbook is. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * What the first bytes say the file is: an Excel workbook (.xlsx) or text (read as a CSV).
 * Refuses, with what to do instead, the files Excel writes in its older container: an .xls
 * workbook, and an .xlsx protected with a password (which Excel encrypts into that container).
 */
export function fileKind(bytes: Uint8Array): "xlsx" | "csv" {
  if (isZip(bytes)) return "xlsx";
  if (OLE_MAGIC.every((byte, index) => bytes[index] === byte)) {
    if (containsUtf16(bytes, "EncryptedPackage")) {
      throw new CsvFormatError("This workbook is protected with a password, so LeadRank cannot read it. Open it, remove the password (File › Info › Protect Workbook in Excel), save it and upload it again.");
    }
    throw new CsvFormatError("This is an old Excel .xls file (or a password-protected workbook). Open it in your spreadsheet program, save it as .xlsx or CSV, and upload that.");
  }
  return "csv";
}

/** Whether the bytes hold the text as UTF-16LE, as the names inside an Office container are stored. */
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const pattern = Array.from(text).flatMap((char) => [char.charCodeAt(0), 0]);
  outer: for (let at = bytes.indexOf(pattern[0]); at !== -1 && at <= bytes.length - pattern.length; at = bytes.indexOf(pattern[0], at + 1)) {
    for (let i = 1; i < pattern.length; i++) if (bytes[at + i] !== pattern[i]) continue outer;
    return true;
  }
  return false;
}

/** Refuses what is clearly not a text table, with a message that says what it is instead. */
export function assertLooksLikeText(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new CsvFormatError("The file is empty.");
  const bom = byteOrderMark(bytes);
  if (bom?.encoding.startsWith("utf-16")) return;
  if (isZip(bytes)) throw new CsvFormatError("This is a ZIP archive, not a CSV.");
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) {
    throw new CsvFormatError("This is a PDF, not a CSV. Export your leads from your CRM or spreadsheet as CSV.");
  }
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) throw new CsvFormatError("This file contains binary data, not text. Upload a CSV file.");
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  if (control > head.length * 0.01) throw new CsvFormatError("This file contains binary data, not text. Upload a CSV file.");
}

/** UTF-8 unless the bytes are not valid UTF-8, in which case Windows-1252 (Excel's Western default). */
export function isValidUtf8(bytes: Uint8Array, complete: boolean): boolean {
  let end = bytes.length;
  if (!complete) {
    // The sample may end inside a multi-byte character: leave the last incomplete one out.
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xc0) === 0x80) back++;
    const lead = bytes[end - back - 1];
    const needed = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
    if (lead !== undefined && needed > back) end = end - back - 1;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

export function detectEncoding(sample: Uint8Array, complete: boolean): { encoding: Encoding; bomLength: number } {
  const bom = byteOrderMark(sample);
  if (bom) return { encoding: bom.encoding, bomLength: bom.length };
  return { encoding: isValidUtf8(sample, complete) ? "utf-8" : "windows-1252", bomLength: 0 };
}

export function decode(bytes: Uint8Array, encoding: Encoding): string {
  return new TextDecoder(encoding).decode(bytes);
}

/** A record whose cells are all empty or spaces: a blank line, or one of only separators. */
export const isBlank = (row: string[]) => row.every((cell) => cell.trim() === "");

/**
 * The delimiter that splits the header into the most columns while the following rows
 * have as many cells. The header decides first, so a `;` file with decimal commas in its
 * data ("1,5") is still read as `;`.
 */
export function detectDelimiter(text: string): Delimiter {
  let best: { delimiter: Delimiter; headerCells: number; consistency: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const records = Papa.parse<string[]>(text, { delimiter, preview: 21 }).data.filter((row) => !isBlank(row));
    if (records.length === 0) continue;
    const headerCells = records[0].length;
    if (headerCells < 2) continue;
    // The last record of a sample may be cut off, so it does not count.
    const rows = records.slice(1, records.length > 2 ? -1 : undefined);
    const consistency = rows.length === 0 ? 1 : rows.filter((row) => row.length === headerCells).length / rows.length;
    if (
      !best ||
      (consistency >= 0.8 && best.consistency < 0.8) ||
      ((consistency >= 0.8) === (best.consistency >= 0.8) && headerCells > best.headerCells)
    ) {
      best = { delimiter, headerCells, consistency };
    }
  }
  return best?.delimiter ?? ",";
}

/** Header cells made unique and non-empty: a blank header becomes "Column 3", a repeated one "Email (2)". */
export function cleanHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, index) => {
    const base = cell.trim() || `Column ${index + 1}`;
    const count = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Throws when the first row is data rather than column names. */
export function assertHeaderRow(cells: string[]): void {
  const filled = cells.map((cell) => cell.trim()).filter(Boolean);
  if (filled.length === 0) throw new CsvFormatError("The file has no header row.");
  if (filled.some((cell) => EMAIL_LIKE.test(cell))) {
    throw new CsvFormatError(
      "The first row looks like a lead (it contains an email address), not column names. Add a header row such as Email, Name, Company.",
    );
  }
}

/** The most columns a file may have: enough for any CRM export, few enough to map by hand. */
export const MAX_COLUMNS = 1_000;

/** Refuses a header wider than MAX_COLUMNS; `subject` names the file or sheet in the message. */
export function assertColumnCount(header: string[], subject: string): void {
  if (header.length > MAX_COLUMNS) {
    throw new CsvFormatError(
      `${subject} has more than ${MAX_COLUMNS.toLocaleString("en-US")} columns, the most LeadRank reads. Remove the columns you do not need and upload it again.`,
    );
  }
}

export type CsvSample = {
  encoding: Encoding;
  delimiter: Delimiter;
  headers: string[];
  /** The first data records (blank ones left out), cells trimmed. */
  rows: string[][];
};

/**
 * Reads the beginning of a file: encoding, delimiter, header and the first rows.
 * `complete` says whether `bytes` is the whole file (then a file without data rows is refused);
 * `knownEncoding` overrides the guess when the whole file has been checked.
 */
export function analyseSample(bytes: Uint8Array, complete: boolean, previewRows = 20, knownEncoding?: Encoding): CsvSample {
  assertLooksLikeText(bytes);
  const detected = detectEncoding(bytes, complete);
  const { bomLength } = detected;
  const encoding = knownEncoding ?? detected.encoding;
  let text = decode(bytes.subarray(bomLength), encoding);
  if (!complete) text = text.slice(0, text.lastIndexOf("\n") + 1) || text;
  const delimiter = detectDelimiter(text);
  const records = Papa.parse<string[]>(text, { delimiter, preview: previewRows + 50 }).data.filter((row) => !isBlank(row));
  if (records.length === 0) throw new CsvFormatError("The file has no header row.");
  assertHeaderRow(records[0]);
  // (A very long header may not fit the sample whole: the count read is a lower bound.)
  assertColumnCount(records[0], "This file");
  const rows = records.slice(1, previewRows + 1).map((row) => row.map((cell) => cell.trim()));
  if (complete && rows.length === 0) throw new CsvFormatError("The file has a header row but no leads under it.");
  return { encoding, delimiter, headers: cleanHeaders(records[0]), rows };
}
