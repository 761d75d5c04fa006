import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseSample, CsvFormatError } from "./detect";
import { suggestMapping } from "./mapping";
import { readCsvRecords, type CsvRecord } from "./read";
import { createRowReader } from "./validate";

/**
 * Property-based tests of the CSV reader on generated files, from well-formed to hostile:
 * it never throws anything but a clear format error, never hangs, reads the same records
 * however the bytes are split into chunks, and accounts for every record.
 */

const TOKENS = [",", ";", "\t", "|", '"', '""', "\r", "\n", "\r\n", " ", "Email", "Name", "ana@example.com", "B@X.CO", "x", "é", "€", "🚀", "\0", "=1+2", "@SUM(A1)", "1,200", "yes", "2026-11-23"];
const text = fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }).map((tokens) => tokens.join(""));
const withHeader = fc.tuple(fc.constantFrom("Email,Name\n", "Email;Name;Size\r\n", "email\tname\n", "Name|E-mail\n", ""), text).map(([head, body]) => head + body);
const files = fc.oneof(
  withHeader.map((value) => new TextEncoder().encode(value)),
  fc.uint8Array({ maxLength: 2000 }),
  withHeader.map((value) => Uint8Array.from([0xff, 0xfe, ...new Uint8Array(Buffer.from(value, "utf16le"))])),
);

async function records(bytes: Uint8Array, sample: ReturnType<typeof analyseSample>, chunkSize: number): Promise<CsvRecord[]> {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const all: CsvRecord[] = [];
  for await (const batch of readCsvRecords(chunks(), sample)) all.push(...batch);
  return all;
}

function withinSeconds<T>(seconds: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still reading after ${seconds} s`)), seconds * 1000)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

describe("the CSV reader on generated files", () => {
  it("refuses with a format error or reads every record, the same however the file is chunked, and accounts for each", async () => {
    await fc.assert(
      fc.asyncProperty(files, fc.integer({ min: 1, max: 64 }), async (bytes, chunkSize) => {
        let sample;
        try {
          sample = analyseSample(bytes, true);
        } catch (error) {
          expect(error).toBeInstanceOf(CsvFormatError);
          expect((error as Error).message).toMatch(/\.$/);
          return;
        }
        const whole = await withinSeconds(5, records(bytes, sample, bytes.length || 1));
        const chunked = await withinSeconds(5, records(bytes, sample, chunkSize));
        expect(chunked).toEqual(whole);

        // Row numbers only grow; every record is a lead, a duplicate or a rejection with a reason.
        whole.forEach((record, i) => i > 0 && expect(record.row).toBeGreaterThan(whole[i - 1].row));
        const readRow = createRowReader(sample.headers, suggestMapping(sample.headers));
        const emails = new Set<string>();
        let accepted = 0;
        let duplicates = 0;
        let rejected = 0;
        for (const record of whole) {
          const result = record.problem ? { ok: false as const, reason: record.problem } : readRow(record.cells);
          if (!result.ok) {
            expect(result.reason.length).toBeGreaterThan(10);
            rejected++;
          } else if (emails.has(result.lead.email)) duplicates++;
          else {
            emails.add(result.lead.email);
            accepted++;
            expect(result.lead.email).not.toContain("\0");
          }
        }
        expect(accepted + duplicates + rejected).toBe(whole.length);
      }),
      { numRuns: 400 },
    );
  }, 60_000);
});
