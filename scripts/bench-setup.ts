/** What the benchmarks share: a database (DATABASE_URL, or a fresh embedded one in `dir`), migrated, and companies of generated leads. */
import fs from "node:fs";
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
