import { Readable } from "node:stream";
import Papa from "papaparse";
import { isBlank, type Delimiter, type Encoding } from "./detect";

/** One record; `problem` is set when its quotes do not close. */
export type CsvRecord = { row: number; cells: string[]; problem?: string };

const PARSE_CHARS = 128 * 1024;

const UNCLOSED_QUOTE =
  "A quoted cell in this row never closes, so the rest of the file could not be split into rows. Check the quotes in this row.";

/**
 * Streams the records of a CSV in batches, in constant memory. Bytes are decoded before
 * parsing, so a character split across two chunks survives. `row` is the record's row
 * number as a spreadsheet shows it; blank records are left out, and so is the header
 * (the first record that is not blank). Cells are as in the file (validation trims them).
 */
export async function* readCsvRecords(
  source: AsyncIterable<Uint8Array>,
  { encoding, delimiter }: { encoding: Encoding; delimiter: Delimiter },
): AsyncGenerator<CsvRecord[]> {
  // Papa guesses line ends from its first chunk, which may end before the first line does:
  // text is held back until the first line end is seen, and the line end is passed on.
  let newline: "\r\n" | "\n" | "\r" | undefined;
  let head = "";
  const decoder = new TextDecoder(encoding);
  const sourceIterator = source[Symbol.asyncIterator]();
  for (;;) {
    const next = await sourceIterator.next();
    head += next.done ? decoder.decode() : decoder.decode(next.value, { stream: true });
    const at = head.search(/\r|\n/);
    if (at !== -1 && (at < head.length - 1 || next.done)) newline = head[at] === "\n" ? "\n" : head[at + 1] === "\n" ? "\r\n" : "\r";
    if (newline || next.done) break;
  }
  // Papa parses each piece of text in one go: pieces of at most 128 KB keep that to a few
  // milliseconds, so that the database's answers are not kept waiting meanwhile.
  // Papa takes what its input stream gives even while it is paused (it queues it), so pieces
  // are handed over only as it parses them: at most two ahead, whatever the source's pace.
  let given = 0;
  let parsed = 0;
  let parsedOne: (() => void) | undefined;
  async function* pieces(text: string) {
    for (let at = 0; at < text.length; at += PARSE_CHARS) {
      while (given - parsed >= 2) await new Promise<void>((resolve) => (parsedOne = resolve));
      given++;
      yield text.slice(at, at + PARSE_CHARS);
    }
  }
  async function* decoded() {
    if (head) yield* pieces(head);
    for (;;) {
      const next = await sourceIterator.next();
      if (next.done) break;
      const text = decoder.decode(next.value, { stream: true });
      if (text) yield* pieces(text);
    }
    const rest = decoder.decode();
    if (rest) yield* pieces(rest);
  }

  // Papa parses a Node stream chunk by chunk; the parser is paused until each batch is taken.
  const batches: CsvRecord[][] = [];
  let finished = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  let parser: Papa.Parser | undefined;
  let row = 0;
  let headerSeen = false;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  Papa.parse(Readable.from(decoded()) as unknown as File, {
    delimiter,
    newline,
    chunk(results: Papa.ParseResult<string[]>, chunkParser: Papa.Parser) {
      parser = chunkParser;
      parsed++;
      parsedOne?.();
      const batch: CsvRecord[] = [];
      const unclosed = new Set(results.errors.filter((e) => e.code === "MissingQuotes").map((e) => e.row));
      results.data.forEach((cells, index) => {
        row++;
        if (isBlank(cells)) return;
        if (!headerSeen) {
          headerSeen = true;
          return;
        }
        const record: CsvRecord = { row, cells };
        if (unclosed.has(index)) record.problem = UNCLOSED_QUOTE;
        batch.push(record);
      });
      batches.push(batch);
      chunkParser.pause();
      notify();
    },
    complete() {
      finished = true;
      notify();
    },
    error(error: Error) {
      failure = error;
      finished = true;
      notify();
    },
  });

  while (true) {
    if (batches.length > 0) {
      const batch = batches.shift()!;
      if (batch.length) yield batch;
      if (batches.length === 0 && !finished) parser?.resume();
      continue;
    }
    if (failure) throw failure;
    if (finished) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}
