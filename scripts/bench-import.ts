/**
 * npm run bench:import [-- --rows N]: generates a sample CSV of N rows (100,000 by default),
 * imports it through the real pipeline into a fresh company, and prints rows, the seconds
 * from the upload's first byte to the import's commit, rows/s, peak RSS and the CPU time the
 * process used meanwhile (steadier than the seconds on a busy machine; the statistics
 * refresh that follows the commit is printed apart). Uses DATABASE_URL, or a fresh embedded
 * database in a temporary folder. Budgets on PostgreSQL (with --floor): 100k rows ≤ 1.9× the
 * floor; 1M rows ≤ 1.8× the floor with peak RSS ≤ 400 MB.
 * `--database-only` times the database's share alone: the file is read, validated and scored
 * first, then only the import's writes run, in one transaction that is rolled back.
 * `npm run bench:import` caps the JavaScript heap at 192 MB: the pipeline needs no more, and
 * without a cap V8 lets garbage pile up to several hundred MB before collecting it.
 * `--floor` (PostgreSQL) also times the database's floor in the same run: `psql \copy` of the
 * same rows, already scored (as the import left them), into a table shaped like "Lead" with
 * all its indexes, and prints the import's time as a multiple of it.
 * On PostgreSQL the import runs as POST /api/imports runs it on a free instance: it reads the CSV
 * while the upload is being stored. `--queued` times it the other way (stored first, then run
 * by a worker, as on a busy instance or the embedded database), to compare in the same run.
 * `--xlsx` (`npm run bench:workbook`) also saves the same rows as an Excel workbook (shared
 * strings, numbers as numbers, dates as dates, as Excel writes them), imports it into another
 * fresh company, and prints its time as a multiple of the CSV's (budget: 3×). It runs with a
 * 384 MB heap: a workbook's shared strings are held in memory while its sheet is read (at
 * 100k rows the import needs more than 192 MB, and collects garbage without end below that).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { loadDotEnv } from "@/lib/env";
import { benchDatabase } from "./bench-setup";
import { writeSampleCsv } from "@/lib/sample-data/generate";
import type { Delimiter, Encoding } from "@/lib/csv/detect";
import type { Mapping } from "@/lib/csv/mapping";

loadDotEnv();
const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    "database-only": { type: "boolean", default: false },
    floor: { type: "boolean", default: false },
    xlsx: { type: "boolean", default: false },
    queued: { type: "boolean", default: false },
  },
});
const rows = Number(values.rows);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-bench-"));
const file = path.join(dir, "leads.csv");
const out = fs.createWriteStream(file);
await writeSampleCsv(out, { rows, seed: 2026, endDate: new Date("2026-11-23T00:00:00Z") });
out.end();
await finished(out);

const database = await benchDatabase(dir);
const { prisma } = await import("@/lib/db/client");
const { createImport } = await import("@/lib/imports/create-import");
const { processImport } = await import("@/lib/imports/process-import");
const { createCompany } = await import("@/lib/test-factories");

const company = await createCompany({ name: `Benchmark ${new Date().toISOString()}` });
const size = fs.statSync(file).size;
// A million generated rows make a file larger than the default upload limit.
process.env.LEADRANK_MAX_UPLOAD_MB = String(Math.max(Number(process.env.LEADRANK_MAX_UPLOAD_MB || 100), Math.ceil(size / 1024 / 1024)));
console.log(`${rows.toLocaleString("en-US")} rows, ${(size / 1e6).toFixed(1)} MB, into ${database.label}`);

if (values["database-only"]) await timeWritesOnly();
else {
  const seconds = await timeImport(file, company.id);
  if (values.floor) timeFloor(seconds);
  if (values.xlsx) await timeWorkbook(seconds);
}

/**
 * As POST /api/imports does it: on PostgreSQL (unless --queued) the import runs here and reads a
 * CSV while it is being stored; otherwise the upload is stored first, then the queued import runs.
 */
async function timeImport(source: string, companyId: string): Promise<number> {
  let t2 = 0;
  let cpu = process.cpuUsage();
  const onCommitted = () => {
    t2 = performance.now();
    cpu = process.cpuUsage(cpu);
  };
  let ended = () => {};
  const ending = new Promise<void>((resolve) => (ended = resolve));
  const t0 = performance.now();
  cpu = process.cpuUsage();
  const id = await createImport({
    companyId,
    userId: null,
    fileName: path.basename(source),
    source: fs.createReadStream(source, { highWaterMark: 1 << 20 }),
    here: values.queued ? undefined : { onCommitted, onEnded: ended },
  });
  const t1 = performance.now();
  const { status } = await prisma.import.findUniqueOrThrow({ where: { id }, select: { status: true } });
  if (status === "queued") await processImport(id, { onCommitted });
  else await ending;
  const t3 = performance.now();
  const result = await prisma.import.findUniqueOrThrow({ where: { id } });
  const seconds = (t2 - t0) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `upload stored ${((t1 - t0) / 1000).toFixed(2)} s${values.queued || !process.env.DATABASE_URL || !source.endsWith(".csv") ? "" : " (read by the import meanwhile)"} · parse, validate, score, write and commit ${((t2 - t1) / 1000).toFixed(2)} s more` +
      ` · then the table statistics refreshed (ANALYZE, after the commit) ${((t3 - t2) / 1000).toFixed(2)} s`,
  );
  console.log(
    `rows ${rows.toLocaleString("en-US")} · committed after ${seconds.toFixed(2)} s · ${Math.round(rows / seconds).toLocaleString("en-US")} rows/s · peak RSS ${peakMb.toFixed(0)} MB` +
      ` · this process's CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s` +
      ` · ${result.status}: created ${result.createdCount} updated ${result.updatedCount} rejected ${result.rejectedCount} duplicates ${result.duplicateCount}`,
  );
  return seconds;
}

/** The same rows as a workbook, imported into a company of its own; its time against the CSV's. */
async function timeWorkbook(csvSeconds: number) {
  const workbook = path.join(dir, "leads.xlsx");
  const t0 = performance.now();
  await writeWorkbook(file, workbook);
  console.log(`workbook: ${(fs.statSync(workbook).size / 1e6).toFixed(1)} MB, written in ${((performance.now() - t0) / 1000).toFixed(1)} s (not timed below)`);
  const other = await createCompany({ name: `Benchmark workbook ${new Date().toISOString()}` });
  const seconds = await timeImport(workbook, other.id);
  console.log(`workbook import = ${(seconds / csvSeconds).toFixed(2)}× the CSV's ${csvSeconds.toFixed(2)} s (budget 3×)`);
  await prisma.company.delete({ where: { id: other.id } });
}

/** Writes the CSV's rows as one sheet, as Excel saves it: shared strings, numbers and dates typed. */
async function writeWorkbook(csv: string, xlsx: string) {
  const { default: ExcelJS } = await import("exceljs");
  const { default: Papa } = await import("papaparse");
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true, useStyles: true });
  const sheet = book.addWorksheet("Leads");
  await new Promise<void>((resolve, reject) =>
    Papa.parse<string[]>(fs.createReadStream(csv) as unknown as File, {
      skipEmptyLines: true,
      step: ({ data }) => {
        const row = sheet.addRow(data.map((cell) => (/^\d{1,9}$/.test(cell) ? Number(cell) : /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(cell) ? new Date(cell) : cell)));
        row.eachCell((cell) => {
          if (cell.value instanceof Date) cell.numFmt = "yyyy-mm-dd hh:mm:ss";
        });
        row.commit();
      },
      complete: () => resolve(),
      error: reject,
    }),
  );
  sheet.commit();
  await book.commit();
}

/**
 * The floor: the rows the import wrote, dumped to a file, then loaded by `psql \copy` into a
 * new table with the columns, defaults and every index of "Lead" (no triggers, no foreign key).
 * Only the load is timed (the psql process, connection included).
 */
function timeFloor(importSeconds: number) {
  const url = process.env.DATABASE_URL;
  if (!url) return console.log("floor: needs DATABASE_URL (psql cannot COPY into the embedded database over its socket)");
  const dump = path.join(dir, "scored-leads.copy");
  const psql = (command: string) => {
    const result = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", command], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
  };
  psql(`\\copy (SELECT * FROM "Lead" WHERE "companyId" = '${company.id}') TO '${dump}'`);
  psql(`DROP TABLE IF EXISTS "LeadFloor"; CREATE TABLE "LeadFloor" (LIKE "Lead" INCLUDING DEFAULTS INCLUDING INDEXES)`);
  const t0 = performance.now();
  psql(`\\copy "LeadFloor" FROM '${dump}'`);
  const floor = (performance.now() - t0) / 1000;
  psql(`DROP TABLE "LeadFloor"`);
  console.log(`floor (psql \\copy of the same scored rows into a table like "Lead" with its indexes) ${floor.toFixed(2)} s · import = ${(importSeconds / floor).toFixed(2)}× the floor`);
}

/**
 * The import's writes alone. The upload is stored and its format and mapping settled as for a
 * real import; the batches are then prepared beforehand (kept in files, so memory stays
 * bounded) and only their writes are timed, in a transaction that is rolled back: on
 * PostgreSQL both ways a batch can travel (COPY into a staging table, and one JSON
 * parameter), on the embedded database the JSON parameter.
 */
async function timeWritesOnly() {
  const { compileModel } = await import("@/lib/scoring");
  const { activeVersion } = await import("@/lib/versions/active-version");
  const { scoredBatches } = await import("@/lib/imports/process-import");
  const { batchWriter } = await import("@/lib/imports/write-batches");
  const { readCsvRecords } = await import("@/lib/csv/read");
  const { withConnection } = await import("@/lib/db/bulk");
  const { databaseTarget } = await import("@/lib/db/client");

  const id = await createImport({ companyId: company.id, userId: null, fileName: "bench.csv", source: fs.createReadStream(file, { highWaterMark: 1 << 20 }) });
  const job = await prisma.import.findUniqueOrThrow({ where: { id }, select: { headers: true, mapping: true, encoding: true, delimiter: true } });
  const [headers, mapping] = [job.headers as string[], job.mapping as Mapping];
  const { definition } = await activeVersion(company.id);
  for (const format of databaseTarget().kind === "postgres" ? (["copy", "json"] as const) : (["json"] as const)) {
    const batchFiles: string[] = [];
    let milliseconds = 0;
    await withConnection(async (client) => {
      await client.query("BEGIN");
      const options = { importId: id, companyId: company.id, model: compileModel(definition), fileHasDates: mapping.includes("submittedAt"), fileHasOutcome: mapping.includes("outcome") };
      const { encode, write } = await batchWriter(client, format, options);
      const records = readCsvRecords(fs.createReadStream(file, { highWaterMark: 1 << 20 }), { encoding: job.encoding as Encoding, delimiter: job.delimiter as Delimiter });
      for await (const batch of scoredBatches(records, { headers, mapping, encode })) {
        if (batch.leadCount === 0) continue;
        batchFiles.push(path.join(dir, `batch-${batchFiles.length}.${format}`));
        await fs.promises.writeFile(batchFiles.at(-1)!, JSON.stringify(batch.leads));
      }
      for (const batchFile of batchFiles) {
        const leads = JSON.parse(await fs.promises.readFile(batchFile, "utf8"));
        const t0 = performance.now();
        await write(leads);
        milliseconds += performance.now() - t0;
      }
      await client.query("ROLLBACK");
    });
    const how = format === "copy" ? "COPY: new leads straight into the table, the others through a staging table and a merge" : "one JSON parameter, merged";
    console.log(`database only (${how} per batch): ${rows.toLocaleString("en-US")} rows in ${batchFiles.length} batches · ${(milliseconds / 1000).toFixed(2)} s (rolled back)`);
  }
}

await prisma.company.delete({ where: { id: company.id } });
await prisma.$disconnect();
await database.stop();
fs.rmSync(dir, { recursive: true, force: true });
