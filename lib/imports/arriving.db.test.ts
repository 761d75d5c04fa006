import { jobsRunningHere } from "@/lib/jobs/liveness";
import fs from "node:fs";
import type { Mapping } from "@/lib/csv/mapping";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { openConnection } from "@/lib/db/bulk";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { sampleCsvBytes } from "@/lib/sample-data/generate";
import { createCompany } from "@/lib/test-factories";
import { createImport } from "./create-import";
import { getImport } from "./imports";
import { undoImport } from "./undo-import";

const onPostgres = inject("databaseKind") === "postgres";
const END_DATE = new Date("2026-11-23T00:00:00Z");
const ROWS = 20_000; // about 3.7 MB: four pieces of 1 MB, and the header in the first 64 KB

/**
 * The upload of `bytes` in chunks of 64 KB, as a slow client sends it: after `pauseAfter` bytes
 * it waits for `resume` (or throws `breakOff` there).
 */
async function* upload(bytes: Uint8Array, { pauseAfter = Infinity, resume = Promise.resolve(), breakOff }: { pauseAfter?: number; resume?: Promise<unknown>; breakOff?: Error } = {}) {
  for (let at = 0; at < bytes.length; at += 64 * 1024) {
    if (at >= pauseAfter && at - 64 * 1024 < pauseAfter) {
      await resume;
      if (breakOff) throw breakOff;
    }
    yield bytes.subarray(at, at + 64 * 1024);
  }
}

/** Starts an import that runs here; resolves with its id once the upload is stored, and `ended` once it is over. */
async function importHere(companyId: string, source: AsyncIterable<Uint8Array>, options: { mapping?: Mapping; fileName?: string; failAfterBatches?: number } = {}) {
  let ended = () => {};
  const ending = new Promise<void>((resolve) => (ended = resolve));
  const id = await createImport({ companyId, userId: null, fileName: options.fileName ?? "leads.csv", source, mapping: options.mapping, here: { onEnded: ended, failAfterBatches: options.failAfterBatches } });
  return { id, ended: ending };
}

const progressOf = async (companyId: string) => (await prisma.import.findFirst({ where: { companyId }, select: { processedRows: true } }))?.processedRows ?? 0;

/** Once the import has written rows (its progress is shared twice a second). */
const rowsWritten = (companyId: string) => expect.poll(() => progressOf(companyId), { timeout: 20_000, interval: 100 }).toBeGreaterThan(0);

/**
 * Starts an import whose upload stops half-way until `resume` is called; returns once the import
 * has written rows from the half that arrived.
 */
async function importHalfArrived(companyId: string, bytes: Uint8Array) {
  let resume = () => {};
  const resumed = new Promise<void>((resolve) => (resume = resolve));
  const started = importHere(companyId, upload(bytes, { pauseAfter: bytes.length / 2, resume: resumed }));
  await rowsWritten(companyId);
  return { started, resume };
}

describe.runIf(onPostgres)("an import run by the instance that receives the upload (PostgreSQL)", () => {
  it("reads a CSV while it arrives: rows are written before the upload ends, and every row is accounted for", { timeout: 60_000 }, async () => {
    const { id: companyId } = await createCompany({ name: "Arriving" });
    const bytes = await sampleCsvBytes({ rows: ROWS, seed: 7, endDate: END_DATE });
    // Half the file is in: the import has already written rows.
    const { started, resume } = await importHalfArrived(companyId, bytes);
    expect(await prisma.import.findFirstOrThrow({ where: { companyId } })).toMatchObject({ status: "uploading" });
    expect(await prisma.lead.count({ where: { companyId } })).toBe(0); // nothing visible before the commit
    resume();
    const { id, ended } = await started;
    expect((await getImport(companyId, id))!.status).toMatch(/running|succeeded/);
    await ended;
    const result = (await getImport(companyId, id))!;
    expect(result).toMatchObject({ status: "succeeded", fileSize: bytes.length, processedBytes: bytes.length, totalRows: ROWS, rejectedCount: 0 });
    expect(result.createdCount + result.duplicateCount).toBe(ROWS);
    expect(await prisma.lead.count({ where: { companyId } })).toBe(result.createdCount);
    expect(await prisma.importFile.count({ where: { importId: id } })).toBe(0);
    // And it undoes like any import.
    await undoImport(companyId, id);
    expect(await prisma.lead.count({ where: { companyId } })).toBe(0);
  });

  it("reads back from the database what it fell behind a fast upload by, and leaves no connection open", { timeout: 120_000 }, async () => {
    const { id: companyId } = await createCompany({ name: "Fast upload" });
    const rows = 60_000; // about 11 MB: more than the 2 MB kept in memory
    const bytes = await sampleCsvBytes({ rows, seed: 13, endDate: END_DATE });
    const { id, ended } = await importHere(companyId, upload(bytes));
    await ended;
    const result = (await getImport(companyId, id))!;
    expect(result).toMatchObject({ status: "succeeded", processedBytes: bytes.length, totalRows: rows });
    expect(result.createdCount + result.duplicateCount).toBe(rows);
    const { rows: readers } = await prisma.$queryRawUnsafe<{ rows: number }[]>(
      `SELECT count(*)::int AS "rows" FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT "data" FROM "ImportFile"%'`,
    ).then((found) => found[0]);
    expect(readers).toBe(0);
  });

  it("holds the import's job lock from the first byte, so other instances see it alive", { timeout: 60_000 }, async () => {
    const { id: companyId } = await createCompany({ name: "Alive" });
    const bytes = await sampleCsvBytes({ rows: ROWS, seed: 8, endDate: END_DATE });
    const { started, resume } = await importHalfArrived(companyId, bytes);
    const { id } = await prisma.import.findFirstOrThrow({ where: { companyId } });
    const other = await openConnection();
    try {
      const { rows } = await other.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS "free"`, [`import:${id}`]);
      expect(rows[0].free).toBe(false);
    } finally {
      await other.end();
    }
    resume();
    await (await started).ended;
    expect((await getImport(companyId, id))!.status).toBe("succeeded");
  });

  it("starts again from the stored file when a byte after the first 64 KB shows the file is Windows-1252", { timeout: 60_000 }, async () => {
    const { id: companyId } = await createCompany({ name: "Encoding" });
    const head = Buffer.from(`Email,Company\n${Array.from({ length: 4000 }, (_, i) => `lead${i}@example.com,Plain Ltd\n`).join("")}`);
    const tail = Buffer.from("rene@example.com,Caf\xe9 R\xe9n\xe9\n", "latin1");
    expect(head.length).toBeGreaterThan(64 * 1024);
    const { id, ended } = await importHere(companyId, upload(Buffer.concat([head, tail])));
    await ended;
    expect(await getImport(companyId, id)).toMatchObject({ status: "succeeded", encoding: "windows-1252", createdCount: 4001 });
    expect(await prisma.lead.findFirstOrThrow({ where: { companyId, email: "rene@example.com" } })).toMatchObject({ companyName: "Café Réné" });
  });

  it("keeps nothing of an upload that breaks off after the import started reading it, and takes the next one", { timeout: 60_000 }, async () => {
    const { id: companyId } = await createCompany({ name: "Broken off" });
    const bytes = await sampleCsvBytes({ rows: ROWS, seed: 9, endDate: END_DATE });
    const attempt = importHere(companyId, upload(bytes, { pauseAfter: bytes.length / 2, resume: rowsWritten(companyId), breakOff: new Error("The client went away") }));
    await expect(attempt).rejects.toThrow("The client went away");
    expect(await prisma.import.count({ where: { companyId } })).toBe(0);
    expect(await prisma.lead.count({ where: { companyId } })).toBe(0);
    // The refusal is answered before the broken import's worker has let go of its connections;
    // an upload arriving meanwhile would be queued (this instance still runs one), not run here.
    await expect.poll(() => jobsRunningHere("import"), { timeout: 10_000, interval: 50 }).toBe(0);
    const again = await importHere(companyId, upload(bytes));
    await again.ended;
    expect((await getImport(companyId, again.id))!.status).toBe("succeeded");
  });

  it("refuses a file over the size limit or a wrong mapping while it arrives, keeping nothing", { timeout: 60_000 }, async () => {
    const { id: companyId } = await createCompany({ name: "Refused" });
    const bytes = await sampleCsvBytes({ rows: ROWS, seed: 10, endDate: END_DATE });
    process.env.LEADRANK_MAX_UPLOAD_MB = "2";
    try {
      await expect(importHere(companyId, upload(bytes))).rejects.toMatchObject({ status: 413 });
    } finally {
      delete process.env.LEADRANK_MAX_UPLOAD_MB;
    }
    const attempt = importHere(companyId, upload(bytes), { mapping: ["jobTitle"] });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ status: 422 });
    expect(await prisma.import.count({ where: { companyId } })).toBe(0);
    expect(await prisma.lead.count({ where: { companyId } })).toBe(0);
  });

  it("records a failure of the import itself once the upload is complete, keeping none of its rows", { timeout: 60_000 }, async () => {
    const { id: companyId } = await createCompany({ name: "Failing" });
    const bytes = await sampleCsvBytes({ rows: ROWS, seed: 11, endDate: END_DATE });
    const { id, ended } = await importHere(companyId, upload(bytes), { failAfterBatches: 1 });
    await ended;
    expect(await getImport(companyId, id)).toMatchObject({ status: "failed", error: expect.stringMatching(/none of its rows were saved/) });
    expect(await prisma.lead.count({ where: { companyId } })).toBe(0);
    expect(await prisma.importFile.count({ where: { importId: id } })).toBe(0);
  });

  it("runs a workbook here once it is stored", { timeout: 60_000 }, async () => {
    const { id: companyId } = await createCompany({ name: "Workbook here" });
    const file = fs.readFileSync(path.join(import.meta.dirname, "../xlsx/fixtures/libreoffice.xlsx"));
    const { id, ended } = await importHere(companyId, upload(file), { fileName: "leads.xlsx" });
    await ended;
    expect((await getImport(companyId, id))!).toMatchObject({ status: "succeeded", sheet: expect.any(String) });
    expect(await prisma.lead.count({ where: { companyId } })).toBeGreaterThan(0);
  });

  it("queues an upload that arrives while this instance runs another import", { timeout: 60_000 }, async () => {
    const { id: companyId } = await createCompany({ name: "Busy" });
    const bytes = await sampleCsvBytes({ rows: ROWS, seed: 12, endDate: END_DATE });
    const { started: first, resume } = await importHalfArrived(companyId, bytes);
    const { id: other } = await createCompany({ name: "Busy too" });
    const second = await importHere(other, upload(Buffer.from("Email\nsecond@example.com\n")));
    expect((await getImport(other, second.id))!.status).toBe("queued");
    resume();
    await (await first).ended;
  });
});

describe.skipIf(onPostgres)("on the embedded database", () => {
  it("an upload is stored first and queued, as its one connection cannot serve the upload during an import", async () => {
    const { id: companyId } = await createCompany({ name: "Embedded" });
    const id = await createImport({ companyId, userId: null, fileName: "leads.csv", source: upload(Buffer.from("Email\nana@example.com\n")), here: {} });
    expect((await getImport(companyId, id))!.status).toBe("queued");
  });
});
