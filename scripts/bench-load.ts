/**
 * npm run bench:load [-- --rows N --duration S --connections C]: load test of a production
 * build. Loads N generated leads (100,000 by default) into a new account through the import
 * pipeline, starts the production server on a free port, signs in over HTTP, then runs autocannon
 * against the dashboard API and the leads API (50 connections for 30 s each by default) and
 * prints requests/s, latency (median, p99, max), errors and the app server's CPU time per
 * request (Linux). Budget: zero errors, p99 ≤ 500 ms. `--import-only` stops after the import.
 * First it times an import over HTTP, as a client sees it: the same N rows as a CSV uploaded
 * with an API token to POST /api/imports into a company of its own, from the upload's first
 * byte until GET /api/imports/:id says it succeeded (polled every 20 ms), with the CPU time the app
 * server used meanwhile (Linux; steadier than the wall time on a busy machine). Budget: 100k rows
 * ≤ 1.9 s on a quiet machine (twice the Python prototype's 0.95 s for the scored file).
 * Needs `npm run build` first. Uses DATABASE_URL, or a fresh embedded database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { loadDotEnv } from "@/lib/env";
import { benchDatabase, startBenchServer } from "./bench-setup";
import { signInOverHttp } from "./sign-in-over-http";

loadDotEnv();
const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    "import-only": { type: "boolean", default: false },
    duration: { type: "string", default: "30" },
    connections: { type: "string", default: "50" },
  },
});
if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}

/** `--import-only`: the load tests are skipped. */
class ImportOnly extends Error {}

/** Uploads N generated rows as a CSV into a new company with an API token and times it to success. */
async function timeHttpImport(base: string, serverPid: number | undefined) {
  const { writeSampleCsv } = await import("@/lib/sample-data/generate");
  const file = path.join(dir, "http-import.csv");
  const out = fs.createWriteStream(file);
  await writeSampleCsv(out, { rows: Number(values.rows), seed: 2026, endDate: new Date("2026-11-23T00:00:00Z") });
  out.end();
  await new Promise<void>((resolve) => out.on("finish", () => resolve()));
  const other = await createAccount({ companyName: "HTTP import", name: "Importer", email: `import-${Date.now()}@example.com`, password });
  const { secret } = await createToken({ userId: other.userId, companyId: other.companyId, role: "member", via: "session" }, { name: "import" });
  const headers = { authorization: `Bearer ${secret}` };
  const form = new FormData();
  form.append("file", await fs.openAsBlob(file, { type: "text/csv" }), "leads.csv");
  // The route is loaded once before the clock starts, as on a server that has served a page:
  // a fresh server compiles a route's code on its first request (0.5–0.8 s of CPU here).
  if (!(await fetch(`${base}/api/imports`, { headers })).ok) throw new Error("GET /api/imports failed.");
  const cpuBefore = cpuSeconds(serverPid);
  const t0 = performance.now();
  const upload = await fetch(`${base}/api/imports`, { method: "POST", headers, body: form });
  if (upload.status !== 202) throw new Error(`The upload failed (${upload.status}): ${await upload.text()}`);
  const uploaded = performance.now();
  const { import: job } = (await upload.json()) as { import: { id: string } };
  for (;;) {
    const { import: now } = (await (await fetch(`${base}/api/imports/${job.id}`, { headers })).json()) as { import: { status: string; createdCount: number } };
    if (now.status === "succeeded" || now.status === "failed") {
      const seconds = (performance.now() - t0) / 1000;
      const cpu = cpuSeconds(serverPid);
      console.log(
        `import over HTTP: ${Number(values.rows).toLocaleString("en-US")} rows (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) ${now.status} after ${seconds.toFixed(2)} s ` +
          `from the upload's first byte (upload answered after ${((uploaded - t0) / 1000).toFixed(2)} s), ${now.createdCount.toLocaleString("en-US")} leads created` +
          (cpu !== undefined && cpuBefore !== undefined ? ` · app server CPU ${(cpu - cpuBefore).toFixed(2)} s` : ""),
      );
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await prisma.company.delete({ where: { id: other.companyId } });
  await prisma.user.delete({ where: { id: other.userId } });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux only). */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in ticks of 1/100 s
  } catch {
    return undefined;
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-load-"));
const database = await benchDatabase(dir);
const { prisma } = await import("@/lib/db/client");
const { createAccount } = await import("@/lib/auth/accounts");
const { createSampleImports } = await import("@/lib/sample-data/import-sample");
const { processImport } = await import("@/lib/imports/process-import");
const { createToken } = await import("@/lib/tokens/tokens");

const email = `load-${Date.now()}@example.com`;
const password = "load test passphrase";
const { userId, companyId } = await createAccount({ companyName: "Load test", name: "Load", email, password });
const sample = await createSampleImports(companyId, userId, Number(values.rows));
await processImport(sample.leads);
await processImport(sample.activities);
const leads = await prisma.lead.count({ where: { companyId } });
// An API token too, to compare a bearer token's cost (its lookup also counts the request) with the cookie's.
const token = await createToken({ userId, companyId, role: "owner", via: "session" }, { name: "load test" });
console.log(`${database.label}: ${leads.toLocaleString("en-US")} leads loaded`);

const { base, server } = await startBenchServer();

try {
  await timeHttpImport(base, server.pid);
  if (values["import-only"]) throw new ImportOnly();
  const signIn = await signInOverHttp(base, { email, password });
  const cookie = signIn.setCookies.map((c) => c.split(";")[0]).join("; ");
  if (!cookie.includes("session-token")) throw new Error(`Signing in failed (${signIn.status}).`);

  const bearer = { authorization: `Bearer ${token.secret}` };
  for (const [label, url, headers] of [
    ["dashboard API (30 days)", "/api/dashboard?days=30", { cookie }],
    ["leads API (first page)", "/api/leads", { cookie }],
    ["leads API, API token", "/api/leads", bearer],
  ] as const) {
    const cpuBefore = cpuSeconds(server.pid);
    const result = await autocannon({
      url: base + url,
      connections: Number(values.connections),
      duration: Number(values.duration),
      headers,
    });
    const errors = result.errors + result.timeouts + result.non2xx;
    console.log(
      `${label.padEnd(26)} ${Math.round(result.requests.average).toLocaleString("en-US").padStart(6)} req/s · ` +
        `latency median ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms · ` +
        `${result.requests.total.toLocaleString("en-US")} requests, ${errors} errors`,
    );
    // The app server's own CPU per request varies far less than latency on a shared machine.
    const cpu = cpuSeconds(server.pid);
    if (cpu !== undefined && cpuBefore !== undefined) {
      console.log(`${"".padEnd(26)} app server CPU ${((1000 * (cpu - cpuBefore)) / result.requests.total).toFixed(2)} ms per request`);
    }
  }
} catch (error) {
  if (!(error instanceof ImportOnly)) throw error;
} finally {
  server.kill("SIGTERM");
  await prisma.company.delete({ where: { id: companyId } });
  await prisma.user.delete({ where: { id: userId } });
  await prisma.$disconnect();
  await database.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
