import { describe, expect, it } from "vitest";
import { bytesOf } from "@/lib/db/test-helpers";
import { createImport } from "@/lib/imports/create-import";
import { processImport } from "@/lib/imports/process-import";
import { createModel } from "@/lib/models/models";
import { publishDraft } from "@/lib/models/publish";
import { processScoringJob } from "@/lib/models/rescore-job";
import { compileModel } from "@/lib/scoring";
import { createCompany } from "@/lib/test-factories";
import { sampleCsvBytes } from "@/lib/sample-data/generate";
import { seededRandom } from "./fit";
import { suggestModel } from "./suggest-model";

/** A CRM export where fintech companies and free-mail senders behave unlike the B2B template assumes. */
function crmExport(rows: number, seed: number) {
  const random = seededRandom(seed);
  const industries = ["SaaS", "Fintech", "Retail", "AI", "Healthcare"];
  const titles = ["CEO", "CTO", "Director", "Engineer", "Analyst", "Student"];
  const lines = ["Email,Job Title,Company Size,Industry,Lifecycle Stage"];
  for (let i = 0; i < rows; i++) {
    const industry = industries[Math.floor(random() * industries.length)];
    const title = titles[Math.floor(random() * titles.length)];
    const free = random() < 0.3;
    const size = Math.floor(random() * 20000) + 1;
    const z = -1 + (industry === "Fintech" ? 2.5 : 0) + (free ? -2 : 0) + (title === "CEO" ? 1 : 0) + (size > 10000 ? -0.5 : 0);
    const won = random() < 1 / (1 + Math.exp(-z));
    lines.push(`lead${i}@${free ? "gmail.com" : `co${i % 97}.com`},${title},${size},${industry},${won ? "customer" : "closed lost"}`);
  }
  return lines.join("\n");
}

async function companyWith(rows: number, seed = 1) {
  const companyId = (await createCompany({ name: `Fit ${rows}` })).id;
  await processImport(await createImport({ companyId, userId: null, fileName: "crm.csv", source: bytesOf(crmExport(rows, seed)) }));
  return companyId;
}

describe("the suggested model", () => {
  it("beats the active model on held-out leads, stays in LeadRank's format, and finds what the data says", async () => {
    const companyId = await companyWith(3000);
    const suggestion = await suggestModel(companyId);
    expect(suggestion).toMatchObject({ better: true, fitted: { sampled: false, won: suggestion.closed.won, lost: suggestion.closed.lost } });
    expect(suggestion.cv.folds).toHaveLength(5);
    expect(suggestion.cv.suggested).toBeGreaterThan(suggestion.cv.current + 0.05);
    for (const fold of suggestion.cv.folds) expect(fold.suggested).toBeGreaterThan(fold.current);
    // Readable rules with whole points: the fintech tier and the free-email disqualifier are in it.
    const tiers = suggestion.definition.criteria.flatMap((c) => c.tiers.map((t) => ({ criterion: c.label, ...t })));
    expect(tiers.every((t) => Number.isInteger(t.points))).toBe(true);
    const fintech = tiers.find((t) => t.when.some((w) => "values" in w && w.values.includes("Fintech")));
    expect(fintech?.points).toBeGreaterThan(0);
    const freeMail = tiers.find((t) => t.when.some((w) => w.field === "freeEmail"));
    expect(freeMail?.points).toBeLessThan(0);
    expect(suggestion.diff.length).toBeGreaterThan(0);
    expect(() => compileModel(suggestion.definition)).not.toThrow();
  });

  it("finds the sample data's story: on seed 7 it beats the B2B template by at least 0.05 of held-out AUC", async () => {
    const companyId = (await createCompany({ name: "Demo" })).id;
    const csv = await sampleCsvBytes({ rows: 10_000, seed: 7, endDate: new Date("2026-11-23T00:00:00Z") });
    await processImport(await createImport({ companyId, userId: null, fileName: "sample.csv", source: bytesOf(csv) }));
    const suggestion = await suggestModel(companyId);
    expect(suggestion.closed.won + suggestion.closed.lost).toBeGreaterThan(4000);
    expect(suggestion.cv.suggested - suggestion.cv.current).toBeGreaterThanOrEqual(0.05);
  });

  it("needs 50 won and 50 lost leads, and says how many are missing", async () => {
    const companyId = await companyWith(60);
    await expect(suggestModel(companyId)).rejects.toMatchObject({ status: 409, code: "not_enough_outcomes", message: expect.stringMatching(/needs 50 won and 50 lost leads/) });
  });
});

describe("the suggested model, when it should not be offered or was adopted before", () => {
  it("says the outcomes show no better model when won and lost leads are all alike", async () => {
    const companyId = (await createCompany({ name: "Alike" })).id;
    const lines = ["Email,Job Title,Company Size,Industry,Lifecycle Stage"];
    for (let i = 0; i < 120; i++) lines.push(`same${i}@co.com,Engineer,500,SaaS,${i % 2 ? "customer" : "closed lost"}`);
    await processImport(await createImport({ companyId, userId: null, fileName: "alike.csv", source: bytesOf(lines.join("\n")) }));
    const suggestion = await suggestModel(companyId);
    expect(suggestion.better).toBe(false);
    expect(suggestion.message).toMatch(/^Your outcomes do not show a better model yet/);
  });

  it("fits on a sample stratified by outcome past its limit of closed leads, and says so", async () => {
    const companyId = await companyWith(3000);
    const suggestion = await suggestModel(companyId, { maxLeads: 1000 });
    const { won, lost } = suggestion.closed;
    expect(won + lost).toBe(3000);
    expect(suggestion.fitted.sampled).toBe(true);
    expect(suggestion.fitted.won + suggestion.fitted.lost).toBeLessThanOrEqual(1000);
    expect(suggestion.fitted.won).toBe(Math.floor((won * 1000) / 3000));
    expect(suggestion.fitted.lost).toBe(Math.floor((lost * 1000) / 3000));
  });

  it("gives proposed rules ids of their own once a suggestion was adopted, so asking again works", async () => {
    const companyId = await companyWith(3000);
    const first = await suggestModel(companyId);
    expect(first.better).toBe(true);
    expect(first.definition.criteria.map((c) => c.id)).toContain("industryFit");
    const model = await createModel(companyId, { name: "Adopted", definition: first.definition });
    await processScoringJob((await publishDraft(companyId, null, model.id)).job.id);
    const again = await suggestModel(companyId);
    const ids = again.definition.criteria.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
