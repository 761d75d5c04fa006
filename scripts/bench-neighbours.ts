/**
 * npm run bench:neighbours [-- --rows N --b-rows M --connections C --rate R --idle S]: does one
 * company's heaviest work slow down another's? Company A gets N generated leads (1,000,000 by
 * default) and company B M (10,000). A production server is started; B's team reads B's leads
 * API and dashboard API, R times a second in all (20) at random moments, over up to C
 * connections (20), first for S seconds with A idle, then while A runs, one
 * after another over HTTP: an impact preview of a whole new model on its N leads, an import of
 * N more rows (uploaded as a CSV), and a suggested model. Prints B's latency (median, p99, max)
 * in both phases and their ratio, and how long each of A's operations took.
 * Budget: B's p99 ≤ 250 ms and ≤ 3× its idle p99. `--inline` runs A's preview and suggestion
 * on the request thread (LEADRANK_WORK_THREADS=0), as before they had threads of their own;
 * `LEADRANK_BACKGROUND_NICE=0` runs background work and its database sessions at the priority of requests.
 * Needs `npm run build` first. Uses DATABASE_URL, or a fresh embedded database.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { loadDotEnv } from "@/lib/env";
import { writeSampleCsv } from "@/lib/sample-data/generate";
import { benchDatabase, companyWithLeads, startBenchServer } from "./bench-setup";

loadDotEnv();
const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    "b-rows": { type: "string", default: "10000" },
    connections: { type: "string", default: "20" },
    rate: { type: "string", default: "20" },
    idle: { type: "string", default: "20" },
    inline: { type: "boolean", default: false },
  },
});
if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}
const rows = Number(values.rows);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-neighbours-"));
const database = await benchDatabase(dir);
const { prisma } = await import("@/lib/db/client");
const { createToken } = await import("@/lib/tokens/tokens");
const { addMember } = await import("@/lib/test-factories");

console.log(`${database.label}; heavy work ${values.inline ? "on the request thread" : "on a work thread"}; background nice ${process.env.LEADRANK_BACKGROUND_NICE ?? 10}; ${os.cpus().length} cores; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const companyA = await companyWithLeads(dir, rows, "A");
const companyB = await companyWithLeads(dir, Number(values["b-rows"]), "B");
const tokenFor = async (companyId: string) => (await createToken(await addMember(companyId, "owner"), { name: "bench" })).secret;
const [tokenA, tokenB] = [await tokenFor(companyA), await tokenFor(companyB)];

// The CSV A imports while B reads: N rows of people A does not have yet.
const csv = path.join(dir, "more.csv");
const out = fs.createWriteStream(csv);
await writeSampleCsv(out, { rows, seed: rows + 1, endDate: new Date() });
out.end();
await finished(out);

const { base, server } = await startBenchServer({
  LEADRANK_MAX_UPLOAD_MB: String(Math.ceil(fs.statSync(csv).size / 1024 / 1024) + 1),
  ...(values.inline ? { LEADRANK_WORK_THREADS: "0" } : {}),
});

type Latency = { p50: number; p99: number; max: number; requests: number; errors: number };

/** What A is doing now: B's reads are also summed up per phase. */
let phase = "idle";

function summary(times: number[], errors: number): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1) ?? 0), requests: sorted.length, errors };
}

/**
 * B's team at work: reads of B's leads API and dashboard API (in turn) arriving at random
 * (a Poisson process) at `rate` a second in all, over up to C connections, for `seconds` or
 * until `until` settles. Each read's time counts from when it was due, so a server that falls
 * behind shows it (no coordinated omission).
 */
async function readB(seconds: number, until?: Promise<unknown>): Promise<{ all: Latency; phases: Map<string, Latency> }> {
  const rate = Number(values.rate);
  const paths = ["/api/leads", "/api/dashboard?days=30"];
  const times: number[] = [];
  const byPhase = new Map<string, number[]>();
  let errors = 0;
  let stop = false;
  if (until) void until.finally(() => (stop = true));
  else setTimeout(() => (stop = true), seconds * 1000);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number(values.connections) });
  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      http
        .get(base + path, { agent, headers: { authorization: `Bearer ${tokenB}` } }, (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        })
        .on("error", reject);
    });
  const inFlight = new Set<Promise<void>>();
  let due = performance.now();
  for (let i = 0; !stop; i++) {
    due += (-Math.log(1 - Math.random()) / rate) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const started = due;
    const during = phase;
    const read = (async () => {
      try {
        if ((await get(paths[i % paths.length])) !== 200) errors++;
      } catch {
        errors++;
      }
      const took = performance.now() - started;
      times.push(took);
      byPhase.set(during, [...(byPhase.get(during) ?? []), took]);
    })();
    inFlight.add(read);
    void read.finally(() => inFlight.delete(read));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { all: summary(times, errors), phases: new Map([...byPhase].map(([name, list]) => [name, summary(list, 0)])) };
}

const asA = { authorization: `Bearer ${tokenA}` };
async function timed(label: string, work: () => Promise<void>) {
  const t0 = performance.now();
  phase = label;
  await work();
  console.log(`  A: ${label} in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}
async function ok(response: Promise<Response>, status: number) {
  const answer = await response;
  if (answer.status !== status) throw new Error(`${answer.url}: ${answer.status} ${await answer.text()}`);
  return answer.json();
}

/** A's heaviest work, one operation after another, over HTTP as a client would. */
async function workOfA() {
  const { model } = await ok(fetch(`${base}/api/models`, { method: "POST", headers: { ...asA, "content-type": "application/json" }, body: JSON.stringify({ name: "Lab", from: "lifescience-3d-invitro" }) }), 201);
  await timed(`impact preview of a whole new model on ${rows.toLocaleString("en-US")} leads`, () => ok(fetch(`${base}/api/models/${model.id}/preview`, { method: "POST", headers: asA }), 200));
  await timed(`import of ${rows.toLocaleString("en-US")} rows over HTTP, upload to committed`, async () => {
    const form = new FormData();
    form.append("file", await fs.openAsBlob(csv, { type: "text/csv" }), "more.csv");
    const { import: created } = await ok(fetch(`${base}/api/imports`, { method: "POST", headers: asA, body: form }), 202);
    for (;;) {
      const { import: now } = await ok(fetch(`${base}/api/imports/${created.id}`, { headers: asA }), 200);
      if (now.status === "failed") throw new Error(`A's import failed: ${now.error}`);
      if (now.status === "succeeded") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  await timed("suggested model", () => ok(fetch(`${base}/api/insights/suggested-model`, { method: "POST", headers: asA }), 200));
}

const describe = (label: string, l: Latency) =>
  `${label.padEnd(22)} B's latency median ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms · ${l.requests.toLocaleString("en-US")} requests, ${l.errors} errors`;

try {
  // Every route is loaded once before the clock starts (a fresh server compiles a route on its first request).
  await readB(3);
  const { all: idle } = await readB(Number(values.idle));
  console.log(describe("A idle:", idle));
  const work = workOfA();
  const { all: busy, phases } = await readB(0, work);
  await work;
  console.log(describe("A working:", busy));
  for (const [name, latency] of phases) console.log(describe(`  during ${name.split(" ").slice(0, 2).join(" ")}:`, latency));
  console.log(`B's p99 while A works: ${busy.p99} ms = ${(busy.p99 / Math.max(1, idle.p99)).toFixed(2)}× its idle p99 (budget ≤ 250 ms and ≤ 3×)`);
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
} finally {
  server.kill("SIGTERM");
  for (const companyId of [companyA, companyB]) await prisma.company.delete({ where: { id: companyId } }).catch(() => {});
  await prisma.$disconnect();
  await database.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
