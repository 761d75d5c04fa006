/**
 * npm run bench:activities [-- --runs R --batch N]: times POST /api/activities's work (reading,
 * storing each activity once, the audit event) for batches of N new activities (1,000) into a
 * company R times (20, after one warm-up), then the same batch sent again (all duplicates).
 * Prints the median, p95 and max. Uses DATABASE_URL, or a fresh embedded database.
 * Budget (PostgreSQL): 1,000 activities ≤ 150 ms median. (The import of activity files is
 * timed here too once it exists.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadDotEnv } from "@/lib/env";
import { benchDatabase } from "./bench-setup";

loadDotEnv();
const { values } = parseArgs({ options: { runs: { type: "string", default: "20" }, batch: { type: "string", default: "1000" } } });
const runs = Number(values.runs);
const size = Number(values.batch);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-bench-"));
const database = await benchDatabase(dir);
const { prisma } = await import("@/lib/db/client");
const { addActivities } = await import("@/lib/activities/activities");
const { createTeam } = await import("@/lib/test-factories");
console.log(`Database: ${database.label}; load average ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`);

const owner = await createTeam(`Benchmark activities ${new Date().toISOString()}`);
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

await prisma.company.delete({ where: { id: owner.companyId } });
await prisma.$disconnect();
await database.stop();
fs.rmSync(dir, { recursive: true, force: true });
