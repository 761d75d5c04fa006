/**
 * npm run bench:queries [-- --rows N --small M --runs R]: loads N generated leads (1,000,000 by
 * default) into one company and M (100,000) into another through the import pipeline, then
 * measures the server-side time of what the pages ask for (median and p95 over R calls):
 * dashboard data, the leads page (no filter, search, minimum score + grade), lead detail;
 * then the export of all N leads (seconds and peak RSS, in a process of its own). The studio's
 * preview and re-score have their own benchmark (bench:studio). Uses DATABASE_URL, or a fresh
 * embedded database. Budgets (1M leads, PostgreSQL): dashboard ≤ 150 ms, leads search +
 * filter ≤ 200 ms, export ≤ 15 s and ≤ 300 MB.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadDotEnv } from "@/lib/env";
import { benchDatabase, companyWithLeads } from "./bench-setup";

loadDotEnv();
const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    small: { type: "string", default: "100000" },
    runs: { type: "string", default: "20" },
    "export-company": { type: "string" },
  },
});

if (values["export-company"]) {
  // The export on its own, so that its peak RSS is its own.
  const { exportLeadsCsv } = await import("@/lib/leads/export-leads");
  const out = fs.createWriteStream("/dev/null");
  const t0 = performance.now();
  let bytes = 0;
  for await (const text of exportLeadsCsv(values["export-company"], { q: "", minScore: 0, grade: "", sort: "score" })) {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  out.end();
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ seconds, bytes, peakMb: process.resourceUsage().maxRSS / 1024 }));
  const { prisma } = await import("@/lib/db/client");
  await prisma.$disconnect();
  process.exit(0);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-bench-"));
const database = await benchDatabase(dir);
const { prisma } = await import("@/lib/db/client");
const { getDashboard } = await import("@/lib/leads/dashboard");
const { listLeads, listLeadsQuery } = await import("@/lib/leads/list-leads");
const { getLead } = await import("@/lib/leads/get-lead");


async function measure(label: string, runs: number, work: () => Promise<unknown>) {
  await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  console.log(`${label.padEnd(44)} median ${at(0.5).toFixed(1).padStart(7)} ms · p95 ${at(0.95).toFixed(1).padStart(7)} ms`);
}

const rows = Number(values.rows);
const runs = Number(values.runs);
console.log(`Database: ${database.label}`);
const big = await companyWithLeads(dir, rows, "large");
const small = await companyWithLeads(dir, Number(values.small), "small");
await prisma.$executeRawUnsafe(`ANALYZE "Lead"`);

for (const [name, companyId] of [
  [`${rows.toLocaleString("en-US")} leads`, big],
  [`${Number(values.small).toLocaleString("en-US")} leads`, small],
] as const) {
  console.log(`\n${name}`);
  const query = (params: Record<string, string>) => listLeadsQuery.parse(params);
  const anyLead = await prisma.lead.findFirstOrThrow({ where: { companyId }, select: { id: true }, orderBy: { score: "asc" } });
  await measure("dashboard data (30 days)", runs, () => getDashboard(companyId, 30));
  await measure("dashboard data (90 days)", runs, () => getDashboard(companyId, 90));
  await measure("leads page, no filter", runs, () => listLeads(companyId, query({})));
  await measure("leads page, page 100", runs, () => listLeads(companyId, query({ page: "100" })));
  await measure('leads search "engineer"', runs, () => listLeads(companyId, query({ q: "engineer" })));
  await measure('leads search "zzqx" (no match)', runs, () => listLeads(companyId, query({ q: "zzqx" })));
  await measure("leads min score 60 + grade B", runs, () => listLeads(companyId, query({ minScore: "60", grade: "B" })));
  await measure("leads grade A", runs, () => listLeads(companyId, query({ grade: "A" })));
  await measure("leads grade D, page 100", runs, () => listLeads(companyId, query({ grade: "D", page: "100" })));
  await measure('leads search "berlin" + min score 40 + grade C', runs, () => listLeads(companyId, query({ q: "berlin", minScore: "40", grade: "C" })));
  await measure("lead detail", runs, () => getLead(companyId, anyLead.id));
}

console.log();
// Not spawnSync: on the embedded database this process serves the child's queries.
const child = spawn(process.execPath, ["--import", "tsx", process.argv[1], "--export-company", big], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
let stdout = "";
child.stdout.on("data", (chunk) => (stdout += chunk));
const [status] = await once(child, "close");
if (status !== 0) throw new Error(`The export process failed (exit ${status}).`);
const result = JSON.parse(stdout.trim().split("\n").pop()!);
console.log(`export of ${rows.toLocaleString("en-US")} leads: ${result.seconds.toFixed(1)} s, ${(result.bytes / 1e6).toFixed(0)} MB of CSV, peak RSS ${result.peakMb.toFixed(0)} MB`);

await prisma.company.deleteMany({ where: { id: { in: [big, small] } } });
await prisma.$disconnect();
await database.stop();
fs.rmSync(dir, { recursive: true, force: true });
