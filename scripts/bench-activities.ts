/**
 * npm run bench:activities [-- --runs R --batch N]: times POST /api/activities's work (reading,
 * storing each activity once, the audit event) for batches of N new activities (1,000) into a
 * company R times (20, after one warm-up), then the same batch sent again (all duplicates).
 * Prints the median, p95 and max. Uses DATABASE_URL, or a fresh embedded database.
 * Budget (PostgreSQL): 1,000 activities ≤ 150 ms median.
 *
 * npm run bench:activities -- --leads L --activities A: imports a CSV of A activities (one row
 * each, of L leads' emails and 2% of others) into a company with L leads, as POST /api/imports
 * does (upload to commit), and prints seconds, rows/s and peak RSS; then the lead page's first
 * page of activities for a lead with 10,000 of them; and on PostgreSQL the floor in the same run:
 * `psql \copy` of the same rows into a table shaped like "Activity" with its indexes.
 * Budgets (PostgreSQL): import ≤ 2× the floor, peak RSS ≤ 400 MB; lead page ≤ 50 ms. `--queued` stores
 * the upload first and then runs the import (as a busy instance does), printing both times.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { loadDotEnv } from "@/lib/env";
import { benchDatabase } from "./bench-setup";

loadDotEnv();
const { values } = parseArgs({
  options: { runs: { type: "string", default: "20" }, batch: { type: "string", default: "1000" }, leads: { type: "string" }, activities: { type: "string" }, queued: { type: "boolean", default: false } },
});
const runs = Number(values.runs);
const size = Number(values.batch);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-bench-"));
const database = await benchDatabase(dir);
const { prisma } = await import("@/lib/db/client");
const { addActivities } = await import("@/lib/activities/activities");
const { createTeam } = await import("@/lib/test-factories");
console.log(`Database: ${database.label}; load average ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`);

const owner = await createTeam(`Benchmark activities ${new Date().toISOString()}`);
if (values.activities) {
  await timeFileImport(Number(values.leads ?? 100_000), Number(values.activities));
  await finish();
  process.exit(0);
}
const TYPES = ["Email clicked", "Page view", "Demo requested", "Webinar attended", "Form submitted"];
const start = Date.now();
const batchOf = (run: number) =>
  Array.from({ length: size }, (_, i) => ({
    email: `lead${i % 300}@acme.example`,
    type: TYPES[i % TYPES.length],
    occurredAt: new Date(start - (run * size + i) * 60_000).toISOString(),
    detail: `https://acme.example/page/${i}`,
    source: "website",
  }));

const times: number[] = [];
for (let run = 0; run <= runs; run++) {
  const t0 = performance.now();
  const result = await addActivities(owner.companyId, owner, batchOf(run));
  if (run > 0) times.push(performance.now() - t0);
  if (result.created !== size) throw new Error(`Expected ${size} new activities, got ${JSON.stringify(result)}`);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
console.log(`POST /api/activities, ${size.toLocaleString("en-US")} new activities: median ${at(0.5)} ms · p95 ${at(0.95)} ms · max ${at(1)} ms (${runs} runs)`);
const t0 = performance.now();
const again = await addActivities(owner.companyId, owner, batchOf(runs));
console.log(`the same ${size.toLocaleString("en-US")} again: ${(performance.now() - t0).toFixed(1)} ms, ${again.created} created, ${again.duplicates} duplicates`);

await finish();

async function finish() {
  await prisma.company.delete({ where: { id: owner.companyId } });
  await prisma.$disconnect();
  await database.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes `text` pieces to a file, waiting when the stream asks to. */
async function writeFile(file: string, lines: () => Generator<string>) {
  const out = fs.createWriteStream(file);
  let chunk = "";
  for (const line of lines()) {
    chunk += line;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      chunk = "";
    }
  }
  out.end(chunk);
  await finished(out);
}

/** Imports a file through the usual pipeline, as POST /api/imports does on a free instance; answers the import's row and the seconds to its commit. */
async function importFile(file: string, kind: "leads" | "activities") {
  const { createImport } = await import("@/lib/imports/create-import");
  const { processImport } = await import("@/lib/imports/process-import");
  let committed = 0;
  let ended = () => {};
  const ending = new Promise<void>((resolve) => (ended = resolve));
  const t0 = performance.now();
  const id = await createImport({
    companyId: owner.companyId,
    userId: null,
    kind,
    fileName: path.basename(file),
    source: fs.createReadStream(file, { highWaterMark: 1 << 20 }),
    here: values.queued ? undefined : { onCommitted: () => (committed = performance.now()), onEnded: ended },
  });
  const { status } = await prisma.import.findUniqueOrThrow({ where: { id }, select: { status: true } });
  const stored = performance.now();
  if (status === "queued") await processImport(id, { onCommitted: () => (committed = performance.now()) });
  else await ending;
  if (status === "queued") console.log(`  ${path.basename(file)}: stored in ${((stored - t0) / 1000).toFixed(2)} s, then imported in ${((committed - stored) / 1000).toFixed(2)} s`);
  return { result: await prisma.import.findUniqueOrThrow({ where: { id } }), seconds: (committed - t0) / 1000 };
}

async function timeFileImport(leads: number, activities: number) {
  const leadFile = path.join(dir, "leads.csv");
  const activityFile = path.join(dir, "activities.csv");
  const types = ["Email opened", "Email clicked", "Page view", "Form submitted", "Webinar attended", "Demo requested", "Meeting booked", "Unsubscribed"];
  const now = Date.now();
  await writeFile(leadFile, function* () {
    yield "Email,Full Name,Job Title\n";
    for (let i = 0; i < leads; i++) yield `lead${i}@acme.example,Lead ${i},${i % 7 === 0 ? "VP Sales" : "Engineer"}\n`;
  });
  await writeFile(activityFile, function* () {
    yield "Email,Activity,Occurred At,Detail,Source\n";
    for (let i = 0; i < activities; i++) {
      // 2% are of people who are not among the leads; lead 0 has 10,000 activities (the lead page's case).
      const email = i % 50 === 0 ? `reader${i}@other.example` : i % 100 === 1 && i < 1_000_000 ? "lead0@acme.example" : `lead${(i * 7919) % leads}@acme.example`;
      const occurredAt = new Date(now - ((i * 104_729) % (120 * 86_400)) * 1000).toISOString();
      yield `${email},${types[i % types.length]},${occurredAt},https://acme.example/page/${i % 500},${i % 3 === 0 ? "Mailchimp" : "website"}\n`;
    }
  });
  const size = fs.statSync(activityFile).size;
  process.env.LEADRANK_MAX_UPLOAD_MB = String(Math.ceil(Math.max(size, fs.statSync(leadFile).size) / 1024 / 1024) + 1);
  const leadImport = await importFile(leadFile, "leads");
  console.log(`${leadImport.result.createdCount.toLocaleString("en-US")} leads imported in ${leadImport.seconds.toFixed(2)} s`);
  const rssBefore = process.resourceUsage().maxRSS / 1024;
  const { result, seconds } = await importFile(activityFile, "activities");
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${activities.toLocaleString("en-US")} activity rows (${(size / 1e6).toFixed(1)} MB) · committed after ${seconds.toFixed(2)} s · ${Math.round(activities / seconds).toLocaleString("en-US")} rows/s` +
      ` · peak RSS ${peak.toFixed(0)} MB (${rssBefore.toFixed(0)} MB before) · ${result.status}: created ${result.createdCount} duplicates ${result.duplicateCount} rejected ${result.rejectedCount}`,
  );
  console.log(`  ${JSON.stringify(result.activitySummary)}`);

  // The lead page's first page of activities, for the lead with the most.
  const { leadActivities } = await import("@/lib/activities/activities");
  const lead = await prisma.lead.findFirstOrThrow({ where: { companyId: owner.companyId, email: "lead0@acme.example" }, select: { id: true } });
  const pageTimes: number[] = [];
  for (let run = 0; run < 21; run++) {
    const t0 = performance.now();
    const page = await leadActivities(owner.companyId, lead.id, { page: 1 });
    if (run > 0) pageTimes.push(performance.now() - t0);
    if (run === 0) console.log(`lead page: ${page.types.reduce((sum, t) => sum + t.activities, 0).toLocaleString("en-US")} activities of one lead`);
  }
  pageTimes.sort((a, b) => a - b);
  console.log(`lead page, first 50 activities and the counts per type: median ${pageTimes[10].toFixed(1)} ms · max ${pageTimes[19].toFixed(1)} ms (20 runs)`);

  const url = process.env.DATABASE_URL;
  if (!url) return console.log("floor: needs DATABASE_URL (psql cannot COPY into the embedded database over its socket)");
  const dump = path.join(dir, "activities.copy");
  const psql = (command: string) => {
    const run = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", command], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`psql failed: ${run.stderr}`);
  };
  psql(`\\copy (SELECT * FROM "Activity" WHERE "companyId" = '${owner.companyId}') TO '${dump}'`);
  psql(`DROP TABLE IF EXISTS "ActivityFloor"; CREATE TABLE "ActivityFloor" (LIKE "Activity" INCLUDING DEFAULTS INCLUDING INDEXES)`);
  const t0 = performance.now();
  psql(`\\copy "ActivityFloor" FROM '${dump}'`);
  const floor = (performance.now() - t0) / 1000;
  psql(`DROP TABLE "ActivityFloor"`);
  console.log(`floor (psql \\copy of the same rows into a table like "Activity" with its indexes) ${floor.toFixed(2)} s · import = ${(seconds / floor).toFixed(2)}× the floor`);
}
