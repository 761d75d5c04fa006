import Papa from "papaparse";

/** Excel reads a UTF-8 CSV correctly only when it starts with a byte-order mark. */
export const CSV_BOM = "\uFEFF";

/**
 * One CSV line (CRLF). Cells starting with =, +, -, @, tab or CR are prefixed with a quote
 * so that a spreadsheet shows them as text instead of running them as formulas (OWASP).
 */
export function csvLine(cells: string[]): string {
  return Papa.unparse([cells], { escapeFormulae: /^[=+\-@\t\r\n]/, newline: "\r\n" }) + "\r\n";
}
