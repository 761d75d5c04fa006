/**
 * npm run bench:studio [-- --rows N --small M]: loads N generated leads (1,000,000 by default)
 * into one company and M (100,000) into another, then measures the scoring studio on each:
 * the impact preview of a small edit and of a whole different model, the publish request,
 * and the background re-score for both (seconds, leads written, peak RSS of this process).
 * Each company's leads are vacuumed and analysed after loading, as autovacuum would soon after
 * a big import (the first read of freshly written rows also sets their hint bits, which made the
 * first preview after an import up to twice as slow); each preview runs 3 times, median shown.
 * Uses DATABASE_URL, or a fresh embedded database.
 * Budgets (PostgreSQL): preview 100k ≤ 1 s, 1M ≤ 8 s; publish request ≤ 300 ms; re-score of
 * 1M leads ≤ 6 s for an edit changing about 5% of scores, ≤ 30 s for a whole new model.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadDotEnv } from "@/lib/env";
import type { ScoringModel } from "@/lib/scoring";
import { benchDatabase, companyWithLeads } from "./bench-setup";

loadDotEnv();
const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, small: { type: "string", default: "100000" } } });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-bench-"));
const database = await benchDatabase(dir);
const { prisma } = await import("@/lib/db/client");
const { createModel, listModels, saveDraft } = await import("@/lib/models/models");
const { activeVersion } = await import("@/lib/versions/active-version");
const { previewDefinition } = await import("@/lib/models/preview");
const { getScoringJob, publishDraft } = await import("@/lib/models/publish");
const { processScoringJob } = await import("@/lib/models/rescore-job");
const { templateDefinition } = await import("@/lib/scoring");
const { stopJobQueue } = await import("@/lib/jobs/queue");


/** The B2B template with one more rule: "Product Owner" or "Tech Lead" in the title, -20 points (about 5% of the sample's leads). */
function smallEdit(): ScoringModel {
  const b2b = templateDefinition("b2b-saas")!;
  return {
    ...b2b,
    name: "B2B, no juniors",
    criteria: [...b2b.criteria, { id: "junior", label: "Junior", mode: "first", otherwise: 0, tiers: [{ points: -20, when: [{ kind: "keywords", field: "jobTitle", keywords: ["Product Owner", "Tech Lead"] }] }] }],
  };
}

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);

async function run(companyId: string, label: string) {
  console.log(`\n${label}`);
  const edit = smallEdit();
  const life = templateDefinition("lifescience-3d-invitro")!;
  await prisma.$executeRawUnsafe(`VACUUM ANALYZE "Lead"`);
  for (const [name, definition] of [["a small edit", edit], ["a whole different model", life]] as const) {
    const times: number[] = [];
    let changed = "";
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const preview = await previewDefinition(companyId, definition);
      times.push((performance.now() - t0) / 1000);
      changed = `${preview.changed.toLocaleString("en-US")} of ${preview.leads.toLocaleString("en-US")} scores change`;
    }
    times.sort((a, b) => a - b);
    console.log(`preview, ${name}: median ${times[1].toFixed(2)} s, runs ${times.map((t) => t.toFixed(2)).join(" / ")} (${changed})`);
  }
  const [{ id: modelId }] = await listModels(companyId);
  const other = await createModel(companyId, { name: "Life science", definition: life });
  for (const [name, id, definition] of [["a small edit", modelId, edit], ["a whole different model", other.id, life]] as const) {
    await saveDraft(companyId, id, definition);
    let t0 = performance.now();
    const { job } = await publishDraft(companyId, null, id);
    const request = performance.now() - t0;
    t0 = performance.now();
    await processScoringJob(job.id);
    const done = await getScoringJob(companyId, job.id);
    console.log(
      `publish, ${name}: request ${request.toFixed(0)} ms · re-score ${seconds(t0)} s, ${done!.changed.toLocaleString("en-US")} of ${done!.processed.toLocaleString("en-US")} leads written (${done!.status}; now ${(await activeVersion(companyId)).label})`,
    );
  }
  console.log(`peak RSS so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

console.log(`Database: ${database.label}`);
const small = await companyWithLeads(dir, Number(values.small), "small");
await run(small, `${Number(values.small).toLocaleString("en-US")} leads`);
const big = await companyWithLeads(dir, Number(values.rows), "large");
await run(big, `${Number(values.rows).toLocaleString("en-US")} leads`);

await prisma.company.deleteMany({ where: { id: { in: [big, small] } } });
// Publishing queued each re-score on the job queue too (run here directly): stop its client.
await stopJobQueue();
await prisma.$disconnect();
await database.stop();
fs.rmSync(dir, { recursive: true, force: true });
