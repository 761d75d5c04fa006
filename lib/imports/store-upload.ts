import type pg from "pg";
import { prisma } from "@/lib/db/client";
import { analyseSample, byteOrderMark, CsvFormatError, fileKind, SAMPLE_BYTES, type Encoding } from "@/lib/csv/detect";
import { AppError, invalidValue } from "@/lib/errors";
import { asJobWorker } from "@/lib/jobs/liveness";
import { readAhead } from "@/lib/read-ahead";
import { previewWorkbook } from "@/lib/xlsx/workbook";
import { workbookSample, type FileSample } from "./file-sample";
import { IMPORT_JOB } from "./progress";

/** Uploads larger than this are refused with 413 (LEADRANK_MAX_UPLOAD_MB, default 1024: 1 GB; imports stream, so memory stays bounded). */
export function maxUploadBytes(): number {
  return Number(process.env.LEADRANK_MAX_UPLOAD_MB || 1024) * 1024 * 1024;
}

const PIECE_BYTES = 1024 * 1024;

export class UploadTooLargeError extends AppError {
  constructor(limit: number) {
    super("file_too_large", `The file is larger than ${Math.round(limit / 1024 / 1024)} MB. Split it into smaller files.`);
  }
}

/** A file LeadRank cannot read, as the 422 the API answers. */
export function invalidFile(error: unknown): unknown {
  return error instanceof CsvFormatError ? invalidValue("file", error.message) : error;
}

export type StoreHooks = {
  /** Stores through this connection; its caller holds the import's job lock. */
  client?: pg.Client;
  /**
   * Called once, while the rest still arrives, with what a CSV larger than its sample looks
   * like so far (its encoding may still change: a byte further on that is not UTF-8 makes it
   * Windows-1252). Storing waits for it, and stops with what it throws.
   */
  onHead?: (sample: FileSample) => Promise<void>;
  /** Called as each piece is stored. */
  onPiece?: (seq: number, data: Uint8Array) => void;
};

/**
 * Stores an uploaded file in the database, in pieces of 1 MB, so any app instance can
 * process it, while checking its size and whether it is valid UTF-8. Returns what the
 * file looks like. Throws (and stores nothing) when it is too large, or neither a CSV nor
 * a workbook LeadRank can read.
 */
export async function storeUpload(
  importId: string,
  source: AsyncIterable<Uint8Array>,
  { limit = maxUploadBytes(), client: given, onHead, onPiece }: StoreHooks & { limit?: number } = {},
): Promise<{ size: number; sample: FileSample }> {
  try {
    // Through pg, not Prisma: Prisma holds on to large binary parameters for a while. As the
    // import's live worker, so that recovery leaves an upload alone however long it takes.
    const asWorker = <T>(work: (client: pg.Client) => Promise<T>) => (given ? work(given) : asJobWorker(IMPORT_JOB.kind, importId, work));
    return await asWorker(async (client) => {
      const utf8 = new TextDecoder("utf-8", { fatal: true });
      let validUtf8 = true;
      let size = 0;
      let seq = 0;
      let head = new Uint8Array(0);
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      // Known once the first 64 KB are in (or the file ended): an old .xls is refused before the rest arrives.
      let kind: "csv" | "xlsx" | undefined;
      const flush = async () => {
        if (pendingBytes === 0) return;
        const data = pending.length === 1 ? pending[0] : Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        await client.query(`INSERT INTO "ImportFile" ("importId", "seq", "data") VALUES ($1, $2, $3)`, [importId, seq, data]);
        onPiece?.(seq, data);
        seq++;
      };
      const encodingOf = (): Encoding => byteOrderMark(head)?.encoding ?? (validUtf8 ? "utf-8" : "windows-1252");
      const checkUtf8 = (chunk?: Uint8Array) => {
        if (!validUtf8) return;
        try {
          if (chunk) utf8.decode(chunk, { stream: true });
          else utf8.decode();
        } catch {
          validUtf8 = false;
        }
      };

      for await (const chunk of source) {
        size += chunk.length;
        if (size > limit) throw new UploadTooLargeError(limit);
        if (head.length < SAMPLE_BYTES) head = Buffer.concat([head, chunk.subarray(0, SAMPLE_BYTES - head.length)]);
        const known = kind;
        if (!kind && head.length >= SAMPLE_BYTES) kind = fileKind(head);
        if (kind !== "xlsx") checkUtf8(chunk);
        if (!known && kind === "csv" && onHead) await onHead({ kind, ...analyseSample(head, false, 20, encodingOf()) });
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= PIECE_BYTES) await flush();
      }
      kind ??= fileKind(head);
      await flush();
      if (kind === "xlsx") return { size, sample: workbookSample(await previewWorkbook(readStoredUpload(client, importId))) };
      checkUtf8();
      return { size, sample: { kind, ...analyseSample(head, size <= SAMPLE_BYTES, 20, encodingOf()) } };
    });
  } catch (error) {
    await prisma.importFile.deleteMany({ where: { importId } });
    throw invalidFile(error);
  }
}

/**
 * Reads pieces of the stored file by number through `client` (or the connection it will be),
 * one query after the other however many are asked for at once; a piece past the end is
 * undefined. A failed read is taken by whoever awaits that piece.
 */
export function storedPieceReader(client: pg.Client | Promise<pg.Client>, importId: string): (seq: number) => Promise<Buffer | undefined> {
  let last: Promise<unknown> = Promise.resolve();
  return (seq) => {
    const piece = Promise.all([client, last])
      .then(([connection]) => connection.query<{ data: Buffer }>(`SELECT "data" FROM "ImportFile" WHERE "importId" = $1 AND "seq" = $2`, [importId, seq]))
      .then(({ rows }) => rows[0]?.data);
    // Pieces fetched past the end, or when the reader stops early, are never awaited.
    last = piece.catch(() => {});
    return piece;
  };
}

/**
 * The stored file, piece by piece, in order. Up to `ahead` pieces are fetched before they are
 * asked for (lib/read-ahead.ts), so that the reading is not held up by what the caller does with them.
 */
export function readStoredUpload(client: pg.Client, importId: string, ahead = 1): AsyncGenerator<Uint8Array> {
  return readAhead(storedPieces(client, importId), ahead);
}

async function* storedPieces(client: pg.Client, importId: string): AsyncGenerator<Uint8Array> {
  const read = storedPieceReader(client, importId);
  for (let seq = 0; ; seq++) {
    const data = await read(seq);
    if (data === undefined) return;
    yield data;
  }
}
