/** What the benchmarks share: a database (DATABASE_URL, or a fresh embedded one in `dir`), migrated, and companies of generated leads. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { finished } from "node:stream/promises";
import { writeSampleCsv } from "@/lib/sample-data/generate";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

export async function benchDatabase(dir: string) {
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedDatabase({ dataDir: path.join(dir, "db") });
  if (embedded) process.env.LEADRANK_EMBEDDED_URL = embedded.url;
  await migrate(process.env.DATABASE_URL || embedded!.url);
  return { label: embedded ? "embedded PGlite" : "PostgreSQL (DATABASE_URL)", stop: async () => embedded?.stop() };
}

/**
 * A new company with `rows` generated leads, imported through the import pipeline (the app's
 * modules are loaded here, after benchDatabase has named the database). Returns its id.
 */
export async function companyWithLeads(dir: string, rows: number, name: string): Promise<string> {
  const { prisma } = await import("@/lib/db/client");
  const { createImport } = await import("@/lib/imports/create-import");
  const { processImport } = await import("@/lib/imports/process-import");
  const { createCompany } = await import("@/lib/test-factories");
  const file = path.join(dir, `${name}.csv`);
  const out = fs.createWriteStream(file);
  await writeSampleCsv(out, { rows, seed: rows, endDate: new Date() });
  out.end();
  await finished(out);
  process.env.LEADRANK_MAX_UPLOAD_MB = String(Math.ceil(fs.statSync(file).size / 1024 / 1024) + 1);
  const company = await createCompany({ name: `Benchmark ${name} ${new Date().toISOString()}` });
  const t0 = performance.now();
  const id = await createImport({ companyId: company.id, userId: null, fileName: `${name}.csv`, source: fs.createReadStream(file, { highWaterMark: 1 << 20 }) });
  await processImport(id);
  const done = await prisma.import.findUniqueOrThrow({ where: { id } });
  console.log(`loaded ${rows.toLocaleString("en-US")} rows into "${name}" in ${((performance.now() - t0) / 1000).toFixed(1)} s (${done.status}, ${done.createdCount} leads)`);
  fs.rmSync(file);
  return company.id;
}

/**
 * The production build served as `npm start` serves it, on a free port, with API tokens' rate
 * limit lifted (the benchmarks measure a request's cost, not the limit); resolves once it answers.
 */
export async function startBenchServer(env: Record<string, string> = {}): Promise<{ base: string; server: ChildProcess }> {
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "scripts/serve.ts", "start"], {
    env: { ...process.env, PORT: String(port), NODE_ENV: "production", NEXTAUTH_URL: base, NEXTAUTH_SECRET: "bench-secret", NEXT_TELEMETRY_DISABLED: "1", LEADRANK_TOKEN_RATE_LIMIT: "1000000000", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) return { base, server };
    if (i > 120) {
      server.kill("SIGTERM");
      throw new Error("The app did not start within a minute.");
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
