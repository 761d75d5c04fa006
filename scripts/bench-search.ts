/**
 * npm run bench:search [-- --rows N --import-rows M --runs R] (PostgreSQL): the search index
 * decision, measured. Loads N generated leads (1,000,000) into one company, then for each way
 * of searching:
 *   - substring: today's search, an accent-insensitive regular expression over the searched
 *     text (lib/leads/search-pattern.ts), no index;
 *   - word prefix: a GIN index over to_tsvector('simple', …) of the same text, queried with
 *     prefix terms ("eng" → 'eng':*);
 *   - trigram: a pg_trgm GIN index over the same text, queried with the same regular expression;
 * it builds the index (timed), imports M generated rows (100,000) into a new company with the
 * index in place (timed to the commit), and times the leads page's two queries (a page of 50
 * by score, and the count up to 10,001) for a common word, a rare word and a word no lead has
 * (median of R runs). Each index is dropped afterwards; the database is left as it was.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { loadDotEnv } from "@/lib/env";
import { writeSampleCsv } from "@/lib/sample-data/generate";
import { benchDatabase, companyWithLeads } from "./bench-setup";

loadDotEnv();
const { values } = parseArgs({
  options: { rows: { type: "string", default: "1000000" }, "import-rows": { type: "string", default: "100000" }, runs: { type: "string", default: "7" } },
});
if (!process.env.DATABASE_URL) {
  console.error("bench:search needs DATABASE_URL (a PostgreSQL server with pg_trgm).");
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-bench-"));
const database = await benchDatabase(dir);
const { prisma } = await import("@/lib/db/client");
const { SEARCH_TEXT } = await import("@/lib/leads/list-leads");
const { accentInsensitivePattern } = await import("@/lib/leads/search-pattern");
const { createImport } = await import("@/lib/imports/create-import");
const { processImport } = await import("@/lib/imports/process-import");
const { createCompany } = await import("@/lib/test-factories");

const companyId = await companyWithLeads(dir, Number(values.rows), "search");
await prisma.$executeRawUnsafe(`ANALYZE "Lead"`);
const importFile = path.join(dir, "import.csv");
const out = fs.createWriteStream(importFile);
await writeSampleCsv(out, { rows: Number(values["import-rows"]), seed: 99, endDate: new Date() });
out.end();
await finished(out);

type Way = { name: string; index?: string; condition: (word: string) => [string, unknown] };
const WAYS: Way[] = [
  { name: "substring (today, no index)", condition: (word) => [`${SEARCH_TEXT} ~ $2`, accentInsensitivePattern(word)] },
  {
    name: "word prefix (tsvector 'simple', GIN)",
    index: `CREATE INDEX "Lead_search_words" ON "Lead" USING gin (to_tsvector('simple', ${SEARCH_TEXT}))`,
    condition: (word) => [`to_tsvector('simple', ${SEARCH_TEXT}) @@ to_tsquery('simple', $2)`, `${word.toLowerCase()}:*`],
  },
  {
    name: "trigram (pg_trgm, GIN)",
    index: `CREATE INDEX "Lead_search_trigrams" ON "Lead" USING gin (${SEARCH_TEXT} gin_trgm_ops)`,
    condition: (word) => [`${SEARCH_TEXT} ~ $2`, accentInsensitivePattern(word)],
  },
];
const WORDS = [
  ["common word", "engineer"],
  ["rare word", "founder"],
  ["no match", "zzqx"],
] as const;

await prisma.$executeRawUnsafe(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
const runs = Number(values.runs);
for (const way of WAYS) {
  let built = "—";
  if (way.index) {
    const t0 = performance.now();
    await prisma.$executeRawUnsafe(way.index);
    built = `${((performance.now() - t0) / 1000).toFixed(1)} s`;
    await prisma.$executeRawUnsafe(`ANALYZE "Lead"`);
  }
  const other = await createCompany({ name: `Search bench import ${new Date().toISOString()}` });
  const t0 = performance.now();
  let committed = 0;
  const id = await createImport({ companyId: other.id, userId: null, fileName: "import.csv", source: fs.createReadStream(importFile, { highWaterMark: 1 << 20 }) });
  await processImport(id, { onCommitted: () => (committed = performance.now()) });
  const importSeconds = (committed - t0) / 1000;
  await prisma.company.delete({ where: { id: other.id } });

  const latencies: string[] = [];
  for (const [label, word] of WORDS) {
    const [condition, parameter] = way.condition(word);
    const where = `"companyId" = $1::uuid AND ${condition}`;
    const times: number[] = [];
    let matches = 0;
    for (let run = 0; run <= runs; run++) {
      const t = performance.now();
      await prisma.$queryRawUnsafe(`SELECT "id" FROM "Lead" WHERE ${where} ORDER BY "score" DESC, "submittedAt" DESC, "email" LIMIT 50`, companyId, parameter);
      const [{ total }] = await prisma.$queryRawUnsafe<{ total: number }[]>(
        `SELECT count(*)::int AS "total" FROM (SELECT 1 FROM "Lead" WHERE ${where} LIMIT 10001) AS m`,
        companyId,
        parameter,
      );
      matches = total;
      if (run > 0) times.push(performance.now() - t); // the first run warms the cache
    }
    times.sort((a, b) => a - b);
    latencies.push(`${label} "${word}" (${matches.toLocaleString("en-US")}${matches > 10_000 ? "+" : ""} matches) ${times[Math.floor(times.length / 2)].toFixed(0)} ms`);
  }
  let size = "—";
  if (way.index) {
    const name = way.index.match(/"(Lead_search_\w+)"/)![1];
    const [{ bytes }] = await prisma.$queryRawUnsafe<{ bytes: bigint }[]>(`SELECT pg_relation_size('"${name}"') AS bytes`);
    size = `${(Number(bytes) / 1e6).toFixed(0)} MB`;
    await prisma.$executeRawUnsafe(`DROP INDEX "${name}"`);
  }
  const line = `${way.name}: index built in ${built}, ${size} · import of ${Number(values["import-rows"]).toLocaleString("en-US")} rows committed after ${importSeconds.toFixed(2)} s · ${latencies.join(" · ")}`;
  console.log(line);
}

await prisma.company.delete({ where: { id: companyId } });
await prisma.$disconnect();
await database.stop();
fs.rmSync(dir, { recursive: true, force: true });
