import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { companyTransaction, openConnection } from "@/lib/db/bulk";
import { prisma } from "@/lib/db/client";
import { bytesOf } from "@/lib/db/test-helpers";
import { createImport } from "@/lib/imports/create-import";
import { processImport } from "@/lib/imports/process-import";
import { getDashboard } from "@/lib/leads/dashboard";
import { listLeads, listLeadsQuery } from "@/lib/leads/list-leads";
import { rescoreLeads } from "@/lib/leads/rescore";
import { compileModel, parseScoringModel, scoreLead, storedBreakdown, templateDefinition, type ScoringModel } from "@/lib/scoring";
import { createCompany } from "@/lib/test-factories";
import { createModel, discardDraft, getModel, listModels, restoreVersion, saveDraft } from "./models";
import { previewDefinition } from "./preview";
import { recoverJobs } from "@/lib/jobs/workers";
import { activateModel, getScoringJob, publishDraft, retryScoringJob } from "./publish";
import { processScoringJob, RESCORE_STOPPED, rescoreJob, SUPERSEDED } from "./rescore-job";
import { activeVersion } from "@/lib/versions/active-version";

const CSV = [
  "Email,Job Title,Company Size,Industry,Location,Uses in vitro models,Open to NAMs,In biotech hub,Published DILI paper",
  "cto@example.com,CTO,12000,SaaS,Berlin,no,no,no,no",
  "tox@example.com,Head of Toxicology,800,Pharmaceuticals,Boston,yes,yes,yes,yes",
  "dev@example.com,Developer,50,Retail,Nowhere,,,,",
  "empty@example.com,,,,,,,,",
].join("\n");

async function companyWithLeads(name: string, csv = CSV) {
  const companyId = (await createCompany({ name })).id;
  await processImport(await createImport({ companyId, userId: null, fileName: "leads.csv", source: bytesOf(csv) }));
  return companyId;
}

/** Many leads: the sample generator's first `rows`. */
async function companyWithSample(name: string, rows: number) {
  const { sampleCsvBytes } = await import("@/lib/sample-data/generate");
  const companyId = (await createCompany({ name })).id;
  await processImport(await createImport({ companyId, userId: null, fileName: "sample.csv", source: bytesOf(await sampleCsvBytes({ rows, seed: 7 })) }));
  return companyId;
}

const leadsOf = (companyId: string) => prisma.lead.findMany({ where: { companyId }, orderBy: { email: "asc" } });

/** Every stored result equals what the definition gives the lead. */
async function expectScoredWith(companyId: string, definition: ScoringModel) {
  const model = compileModel(definition);
  for (const lead of await leadsOf(companyId)) {
    const expected = model.score(lead);
    expect({ email: lead.email, score: lead.score, grade: lead.grade, rawPoints: lead.rawPoints, breakdown: lead.breakdown }).toEqual({
      email: lead.email,
      score: expected.score,
      grade: expected.grade,
      rawPoints: expected.rawPoints,
      breakdown: storedBreakdown(expected.breakdown),
    });
  }
}

/** The B2B template with one edit: students get -20 points. */
function withDisqualifier(): ScoringModel {
  const b2b = templateDefinition("b2b-saas")!;
  return {
    ...b2b,
    name: "B2B without students",
    criteria: [...b2b.criteria, { id: "student", label: "Student", mode: "first", otherwise: 0, tiers: [{ points: -20, when: [{ kind: "keywords", field: "jobTitle", keywords: ["Student", "Scrum Master"] }] }] }],
  };
}

describe("models and versions", () => {
  it("starts every company on version 1 of its template; a new model is a draft until published", async () => {
    const companyId = (await createCompany({ name: "Versions" })).id;
    const [first] = await listModels(companyId);
    expect(first).toMatchObject({ name: "B2B SaaS", active: true, versions: [{ version: 1, status: "published", publishedBy: null }] });

    const model = await createModel(companyId, { name: "Iberian fintech", from: "active" });
    expect(model.draft).toMatchObject({ version: 1, definition: { name: "Iberian fintech", pointsFor100: 20 } });
    expect(await listModels(companyId)).toHaveLength(2);
    expect((await listModels(companyId))[1]).toMatchObject({ name: "Iberian fintech", active: false, versions: [{ version: 1, status: "draft" }] });

    // Discarding the draft of a model never published removes it.
    expect(await discardDraft(companyId, model.id)).toEqual({ deleted: true });
    expect(await listModels(companyId)).toHaveLength(1);
  });

  it("keeps published versions immutable: the database refuses to change one", async () => {
    const companyId = (await createCompany({ name: "Immutable" })).id;
    const { id } = await activeVersion(companyId);
    await expect(prisma.modelVersion.update({ where: { id }, data: { definition: { name: "Changed" } } })).rejects.toThrow(/cannot be changed/);
    await expect(prisma.modelVersion.update({ where: { id }, data: { note: "rewritten" } })).rejects.toThrow(/cannot be changed/);
    expect((await activeVersion(companyId)).definition.name).toBe("B2B SaaS");
  });

  it("refuses an invalid draft with every problem and its path, and keeps the saved one", async () => {
    const companyId = (await createCompany({ name: "Invalid" })).id;
    const model = await createModel(companyId, { name: "Mine", from: "b2b-saas" });
    const broken = { ...model.draft!.definition, pointsFor100: 0, criteria: [{ label: "Empty", tiers: [] }] };
    await expect(saveDraft(companyId, model.id, broken)).rejects.toMatchObject({
      status: 422,
      code: "invalid_model",
      details: { issues: expect.arrayContaining([{ path: "pointsFor100", message: "points for a score of 100 must be a whole number from 1 to 1,000,000" }, { path: "criteria.0.tiers", message: "a criterion without tiers" }]) },
    });
    expect((await getModel(companyId, model.id))!.draft!.definition).toEqual(model.draft!.definition);
  });

  it("restores an old version as a draft", async () => {
    const companyId = await companyWithLeads("Restore");
    const [{ id: modelId }] = await listModels(companyId);
    await saveDraft(companyId, modelId, withDisqualifier());
    await processScoringJob((await publishDraft(companyId, null, modelId, "No students")).job.id);
    const restored = await restoreVersion(companyId, modelId, 1);
    expect(restored.draft).toMatchObject({ version: 3, definition: { name: "B2B SaaS" } });
    expect(restored.versions.map((v) => [v.version, v.note, v.active])).toEqual([
      [1, "Started from the B2B SaaS template.", false],
      [2, "No students", true],
    ]);
  });
});

describe("another company's models", () => {
  it("are not found by any studio function, and nothing of theirs changes", async () => {
    const mine = (await createCompany({ name: "Mine" })).id;
    const theirs = await companyWithLeads("Theirs");
    const [{ id: theirModel }] = await listModels(theirs);
    const draft = await createModel(theirs, { name: "Secret", from: "b2b-saas" });
    const theirLeads = await leadsOf(theirs);

    expect(await getModel(mine, theirModel)).toBeNull();
    await expect(saveDraft(mine, draft.id, withDisqualifier())).rejects.toMatchObject({ status: 404 });
    await expect(discardDraft(mine, draft.id)).rejects.toMatchObject({ status: 404 });
    await expect(publishDraft(mine, null, draft.id)).rejects.toMatchObject({ status: 404 });
    await expect(restoreVersion(mine, theirModel, 1)).rejects.toMatchObject({ status: 404 });
    const { job } = await publishDraft(theirs, null, draft.id);
    expect(await getScoringJob(mine, job.id)).toBeNull();
    await expect(activateModel(mine, theirModel)).rejects.toMatchObject({ status: 404 });
    await expect(retryScoringJob(mine, job.id)).rejects.toMatchObject({ status: 404 });
    expect(await listModels(mine)).toHaveLength(1);
    expect(await leadsOf(theirs)).toEqual(theirLeads);
  });
});

describe("the impact preview", () => {
  it("counts, buckets and ranks exactly what publishing would do, and writes nothing", async () => {
    const companyId = await companyWithSample("Preview", 2000);
    const before = await leadsOf(companyId);
    const draft = withDisqualifier();
    const preview = await previewDefinition(companyId, draft);
    expect(await leadsOf(companyId)).toEqual(before);

    const model = compileModel(draft);
    const after = before.map((lead) => ({ lead, result: model.score(lead) }));
    const up = after.filter(({ lead, result }) => result.score > lead.score).length;
    const down = after.filter(({ lead, result }) => result.score < lead.score).length;
    expect(down).toBeGreaterThan(0);
    expect(preview).toMatchObject({ leads: before.length, up, down, same: before.length - up - down, changed: up + down });
    expect(preview.histogram.reduce((sum, b) => sum + b.draft, 0)).toBe(before.length);
    expect(preview.histogram[0].draft).toBe(after.filter(({ result }) => result.score <= 9).length);
    expect(preview.grades.moves.C.D).toBe(after.filter(({ lead, result }) => lead.grade === "C" && result.grade === "D").length);
    expect(preview.grades.draft.D).toBe(after.filter(({ result }) => result.grade === "D").length);
    const best = Math.max(...after.map(({ result }) => result.score));
    expect(preview.top).toHaveLength(10);
    expect(preview.top[0]).toMatchObject({ score: best, rank: 1 });
    expect(preview.top[0].currentRank).toBe(1 + before.filter((l) => l.score > preview.top[0].currentScore).length);
    // The students fell, and the rule that moved them is named.
    expect(preview.movers.down[0]).toMatchObject({ rule: "Student (-20 points)" });
    expect(preview.movers.down[0].delta).toBe(Math.min(...after.map(({ lead, result }) => result.score - lead.score)));
  });
});

describe("publishing", () => {
  it("answers at once with a queued job; the re-score writes exactly the changed leads and then makes the version active", async () => {
    const companyId = await companyWithSample("Publish", 3000);
    const [{ id: modelId }] = await listModels(companyId);
    await saveDraft(companyId, modelId, withDisqualifier());
    const before = await leadsOf(companyId);
    const dashboardBefore = await getDashboard(companyId, 90);

    const published = await publishDraft(companyId, null, modelId, "Students out");
    expect(published).toMatchObject({ version: 2, job: { status: "queued" } });
    // Until the job has run, every lead keeps the previous scores and version 1 stays active.
    expect((await activeVersion(companyId)).version).toBe(1);
    expect(await leadsOf(companyId)).toEqual(before);

    const startedAt = new Date();
    await processScoringJob(published.job.id);
    const model = compileModel(withDisqualifier());
    const changed = before.filter((lead) => {
      const result = model.score(lead);
      return result.score !== lead.score || result.rawPoints !== lead.rawPoints || !isDeepStrictEqual(storedBreakdown(result.breakdown), lead.breakdown);
    });
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(before.length);
    expect(await getScoringJob(companyId, published.job.id)).toMatchObject({ status: "succeeded", processed: before.length, total: before.length, changed: changed.length, error: null });
    expect(await prisma.lead.count({ where: { companyId, updatedAt: { gte: startedAt } } })).toBe(changed.length);
    expect(await activeVersion(companyId)).toMatchObject({ version: 2, label: "B2B without students v2" });
    await expectScoredWith(companyId, withDisqualifier());

    // The dashboard's counts (kept by triggers) stay exact.
    const dashboard = await getDashboard(companyId, 90);
    expect(dashboard.kpis.total).toBe(dashboardBefore.kpis.total);
    const leads = await leadsOf(companyId);
    expect(dashboard.kpis.averageScore).toBe(Math.round((10 * leads.reduce((s, l) => s + l.score, 0)) / leads.length) / 10);
    for (const grade of ["A", "B", "C", "D"] as const) expect(dashboard.kpis.grades[grade]).toBe(leads.filter((l) => l.grade === grade).length);
  });

  it("switches to a whole different model exactly, and back again to the original scores", async () => {
    const companyId = await companyWithLeads("Switcher");
    const original = await leadsOf(companyId);
    const life = await createModel(companyId, { name: "Life", from: "lifescience-3d-invitro" });
    await processScoringJob((await publishDraft(companyId, null, life.id)).job.id);
    await expectScoredWith(companyId, templateDefinition("lifescience-3d-invitro")!);
    expect((await getDashboard(companyId, 30)).top[0].email).toBe("tox@example.com");

    const [b2b] = await listModels(companyId);
    await processScoringJob((await activateModel(companyId, b2b.id)).job.id);
    expect((await leadsOf(companyId)).map(({ score, grade, rawPoints, breakdown }) => ({ score, grade, rawPoints, breakdown }))).toEqual(
      original.map(({ score, grade, rawPoints, breakdown }) => ({ score, grade, rawPoints, breakdown })),
    );
    expect((await activeVersion(companyId)).label).toBe("B2B SaaS v1");
    // Once more is a re-score that could change nothing: refused, and no job is queued.
    const jobs = await prisma.scoringJob.count({ where: { companyId } });
    await expect(activateModel(companyId, b2b.id)).rejects.toMatchObject({ status: 409, code: "already_active" });
    expect(await prisma.scoringJob.count({ where: { companyId } })).toBe(jobs);
  });

  it("keeps the latest request when two re-scores run out of order", async () => {
    const companyId = await companyWithLeads("Out of order");
    const [{ id: b2b }] = await listModels(companyId);
    const life = await createModel(companyId, { name: "Life", from: "lifescience-3d-invitro" });
    const first = await publishDraft(companyId, null, life.id);
    const second = await activateModel(companyId, b2b);
    await processScoringJob(second.job.id);
    await processScoringJob(first.job.id);
    expect(await getScoringJob(companyId, first.job.id)).toMatchObject({ status: "failed", error: SUPERSEDED });
    expect((await activeVersion(companyId)).label).toBe("B2B SaaS v1");
    await expectScoredWith(companyId, templateDefinition("b2b-saas")!);
  });

  it("lists each grade by the published thresholds", async () => {
    const companyId = await companyWithSample("Own grades", 1500);
    const [{ id: modelId }] = await listModels(companyId);
    await saveDraft(companyId, modelId, { ...templateDefinition("b2b-saas")!, grades: { A: 55, B: 35, C: 15 } });
    await processScoringJob((await publishDraft(companyId, null, modelId)).job.id);
    const leads = await leadsOf(companyId);
    for (const grade of ["A", "B", "C", "D"] as const) {
      const listed = await listLeads(companyId, listLeadsQuery.parse({ grade, pageSize: 200 }));
      const expected = leads.filter((l) => l.grade === grade);
      expect(expected.length).toBeGreaterThan(0);
      expect(listed.total).toBe(expected.length);
      expect(listed.leads.every((l) => l.grade === grade)).toBe(true);
      expect(listed.leads).toHaveLength(Math.min(200, expected.length));
    }
  });

  it("refuses to publish without a draft", async () => {
    const companyId = (await createCompany({ name: "No draft" })).id;
    const [{ id }] = await listModels(companyId);
    await expect(publishDraft(companyId, null, id)).rejects.toMatchObject({ status: 409, code: "no_draft" });
  });

  it("a re-score that fails midway leaves the previous version active and every score as it was; trying again works", async () => {
    const companyId = await companyWithSample("Fails", 25_000);
    const [{ id: modelId }] = await listModels(companyId);
    await saveDraft(companyId, modelId, withDisqualifier());
    const before = await leadsOf(companyId);
    const { job } = await publishDraft(companyId, null, modelId);
    await processScoringJob(job.id, { failAfterBatches: 1 });
    expect(await getScoringJob(companyId, job.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/the previous version stays active\. Try again\./) });
    expect((await activeVersion(companyId)).version).toBe(1);
    expect(await leadsOf(companyId)).toEqual(before);

    expect(await retryScoringJob(companyId, job.id)).toMatchObject({ status: "queued" });
    await processScoringJob(job.id);
    expect(await getScoringJob(companyId, job.id)).toMatchObject({ status: "succeeded", error: null });
    await expectScoredWith(companyId, withDisqualifier());
  });

  it("a re-score whose worker died is failed with a reason at the next check", async () => {
    const companyId = (await createCompany({ name: "Dead worker" })).id;
    const [{ id: modelId }] = await listModels(companyId);
    await saveDraft(companyId, modelId, withDisqualifier());
    const { job } = await publishDraft(companyId, null, modelId);
    await prisma.scoringJob.update({ where: { id: job.id }, data: { status: "running" } });
    await recoverJobs([rescoreJob]);
    expect(await getScoringJob(companyId, job.id)).toMatchObject({ status: "failed", error: RESCORE_STOPPED });
    expect((await activeVersion(companyId)).version).toBe(1);
  });
});

describe("re-scoring with a model of the company's own", () => {
  it("reads extra columns, the email's domain and negative points exactly as scoring a lead does", async () => {
    const companyId = (await createCompany({ name: "Own model" })).id;
    const csv = "Email,Job Title,Lead Source,ARR\nana@acme.pt,CEO,Webinar,\"1,200\"\nbob@gmail.com,Student,Cold call,n/a\ncy@acme.pt,CTO,,\n";
    await processImport(await createImport({ companyId, userId: null, fileName: "own.csv", source: bytesOf(csv) }));
    const own = parseScoringModel({
      name: "Own",
      pointsFor100: 10,
      grades: { A: 70, B: 40, C: 10 },
      criteria: [
        { id: "source", label: "Source", tiers: [{ points: 3, when: [{ kind: "values", field: "extra:lead source", values: ["webinar"] }] }] },
        { id: "arr", label: "ARR", tiers: [{ points: 4, when: [{ kind: "range", field: "extra:ARR", min: 1000 }] }] },
        { id: "mail", label: "Mail", tiers: [{ points: -5, when: [{ kind: "yes", field: "freeEmail" }] }] },
        { id: "title", label: "Title", mode: "sum", max: 4, tiers: [{ points: 3, when: [{ kind: "keywords", field: "jobTitle", keywords: ["CEO", "CTO"] }] }, { points: 2, when: [{ kind: "values", field: "emailDomain", values: ["acme.pt"] }] }] },
      ],
    });
    const client = await openConnection();
    try {
      expect(await companyTransaction(client, companyId, () => rescoreLeads(client, companyId, own))).toMatchObject({ processed: 3, changed: 3 });
      // Scoring again with the same rules changes nothing, so writes nothing.
      expect(await companyTransaction(client, companyId, () => rescoreLeads(client, companyId, own))).toMatchObject({ processed: 3, changed: 0 });
    } finally {
      await client.end();
    }
    const leads = await leadsOf(companyId);
    expect(leads.map((lead) => [lead.email, lead.rawPoints, lead.score, lead.grade])).toEqual([
      ["ana@acme.pt", 11, 100, "A"],
      ["bob@gmail.com", -5, 0, "D"],
      ["cy@acme.pt", 4, 40, "B"],
    ]);
    for (const lead of leads) expect(lead.breakdown).toEqual(storedBreakdown(scoreLead(lead, own).breakdown));
  });
});

describe("the largest model the limits allow", () => {
  /** 100 criteria of 50 tiers, each tier ±10,000 points and matching every lead: sums of ±50,000,000. */
  const extreme = (sign: 1 | -1): ScoringModel =>
    parseScoringModel({
      name: sign > 0 ? "Largest" : "Most negative",
      pointsFor100: 1_000_000,
      criteria: Array.from({ length: 100 }, (_, i) => ({
        id: `c${i}`,
        label: `Criterion ${i}`,
        mode: "sum",
        otherwise: sign * 10_000,
        tiers: Array.from({ length: 50 }, () => ({ points: sign * 10_000, when: [{ kind: "present", field: "email" }] })),
      })),
    });

  it("previews, publishes and then imports without overflowing the database's integers", async () => {
    const companyId = await companyWithLeads("Largest");
    for (const sign of [1, -1] as const) {
      const definition = extreme(sign);
      const preview = await previewDefinition(companyId, definition);
      expect(preview.leads).toBe((await leadsOf(companyId)).length);
      const model = await createModel(companyId, { name: definition.name, definition });
      const published = await publishDraft(companyId, null, model.id);
      await processScoringJob(published.job.id);
      expect(await getScoringJob(companyId, published.job.id)).toMatchObject({ status: "succeeded" });
      for (const lead of await leadsOf(companyId)) expect(lead).toMatchObject({ rawPoints: sign * 50_000_000, score: sign > 0 ? 100 : 0 });
      // Every later import of the company scores with it.
      await processImport(await createImport({ companyId, userId: null, fileName: "more.csv", source: bytesOf(`Email\nnew${sign}@example.com\n`) }));
      expect(await prisma.lead.findFirst({ where: { companyId, email: `new${sign}@example.com` } })).toMatchObject({ rawPoints: sign * 50_000_000 });
    }
  });
});
