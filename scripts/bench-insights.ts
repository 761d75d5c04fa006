/**
 * npm run bench:insights [-- --rows N --closed C]: loads N generated leads (1,000,000 by
 * default; the sample data comes with outcomes) into a company, keeps C of them won or lost
 * (100,000) and reopens the rest, then times the insights (median of 3) and the suggested model
 * with its 5-fold cross-validation. Uses DATABASE_URL, or a fresh embedded database.
 * Budgets (PostgreSQL): insights ≤ 2 s; suggested model ≤ 5 s.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadDotEnv } from "@/lib/env";
import { benchDatabase, companyWithLeads } from "./bench-setup";

loadDotEnv();
const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, closed: { type: "string", default: "100000" } } });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-bench-"));
const database = await benchDatabase(dir);
const { prisma } = await import("@/lib/db/client");
const { getInsights } = await import("@/lib/outcomes/insights");
const { suggestModel } = await import("@/lib/outcomes/suggest-model");

console.log(`Database: ${database.label}`);
const companyId = await companyWithLeads(dir, Number(values.rows), "insights");
// The first C closed leads (by id: a random order) stay closed; the rest are reopened.
await prisma.$executeRaw`
  UPDATE "Lead" SET "outcome" = 'open' WHERE "companyId" = ${companyId}::uuid AND "outcome" <> 'open' AND "id" NOT IN (
    SELECT "id" FROM "Lead" WHERE "companyId" = ${companyId}::uuid AND "outcome" <> 'open' ORDER BY "id" LIMIT ${Number(values.closed)})`;
await prisma.$executeRawUnsafe(`VACUUM ANALYZE "Lead"`);

const times: number[] = [];
let insights: Awaited<ReturnType<typeof getInsights>> | undefined;
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  insights = await getInsights(companyId);
  times.push((performance.now() - t0) / 1000);
}
times.sort((a, b) => a - b);
const closed = insights!.closed.won + insights!.closed.lost;
console.log(`insights, ${closed.toLocaleString("en-US")} closed of ${Number(values.rows).toLocaleString("en-US")} leads: median ${times[1].toFixed(2)} s (runs ${times.map((t) => t.toFixed(2)).join(" / ")}); AUC ${insights!.auc?.value.toFixed(3)}`);

const t0 = performance.now();
const suggestion = await suggestModel(companyId);
console.log(
  `suggested model with 5-fold CV on ${closed.toLocaleString("en-US")} closed leads: ${((performance.now() - t0) / 1000).toFixed(2)} s; held-out AUC ${suggestion.cv.suggested.toFixed(3)} against ${suggestion.cv.current.toFixed(3)} for the active model`,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

await prisma.company.deleteMany({ where: { id: companyId } });
await prisma.$disconnect();
await database.stop();
fs.rmSync(dir, { recursive: true, force: true });
