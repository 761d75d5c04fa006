import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { bytesOf } from "@/lib/db/test-helpers";
import { AppError } from "@/lib/errors";
import { createImport } from "@/lib/imports/create-import";
import { processImport } from "@/lib/imports/process-import";
import { companyTransaction, openConnection } from "@/lib/db/bulk";
import { parseScoringModel, presetById, scoreLead } from "@/lib/scoring";
import { getDashboard } from "./dashboard";
import { rescoreLeads, switchScoringModel } from "./rescore";

const CSV = [
  "Email,Job Title,Company Size,Industry,Location,Uses in vitro models,Open to NAMs,In biotech hub,Published DILI paper",
  "cto@example.com,CTO,12000,SaaS,Berlin,no,no,no,no",
  "tox@example.com,Head of Toxicology,800,Pharmaceuticals,Boston,yes,yes,yes,yes",
  "dev@example.com,Developer,50,Retail,Nowhere,,,,",
  "empty@example.com,,,,,,,,",
].join("\n");

async function companyWithLeads(name: string) {
  const companyId = (await prisma.company.create({ data: { name } })).id;
  await processImport(await createImport({ companyId, userId: null, fileName: "leads.csv", source: bytesOf(CSV) }));
  return companyId;
}

const leadsOf = (companyId: string) => prisma.lead.findMany({ where: { companyId }, orderBy: { email: "asc" } });

describe("switching the scoring model", () => {
  it("re-scores every lead of the company with the new model, exactly as scoring a lead does", async () => {
    const companyId = await companyWithLeads("Switcher");
    const before = await leadsOf(companyId);
    expect(before.every((lead) => lead.scoringModelId === "b2b-saas")).toBe(true);

    expect(await switchScoringModel(companyId, "lifescience-3d-invitro")).toEqual({ leads: 4 });

    const model = presetById("lifescience-3d-invitro")!;
    const after = await leadsOf(companyId);
    expect(after).toHaveLength(4);
    for (const lead of after) {
      const expected = scoreLead(lead, model);
      expect({ id: lead.id, score: lead.score, grade: lead.grade, rawPoints: lead.rawPoints, breakdown: lead.breakdown, model: lead.scoringModelId }).toEqual({
        id: before.find((b) => b.email === lead.email)!.id,
        score: expected.score,
        grade: expected.grade,
        rawPoints: expected.rawPoints,
        breakdown: expected.breakdown.map((entry) => entry.points),
        model: "lifescience-3d-invitro",
      });
    }
    // The toxicologist is the life-science model's best lead; the CTO was the B2B one's.
    expect(after.find((l) => l.email === "tox@example.com")!.score).toBeGreaterThan(after.find((l) => l.email === "cto@example.com")!.score);
    expect((await prisma.company.findUniqueOrThrow({ where: { id: companyId } })).scoringModelId).toBe("lifescience-3d-invitro");
  });

  it("shows on the dashboard, and switching back gives the original scores", async () => {
    const companyId = await companyWithLeads("Back and forth");
    const original = await leadsOf(companyId);
    const b2bTop = (await getDashboard(companyId, 30)).top[0].email;
    await switchScoringModel(companyId, "lifescience-3d-invitro");
    const dashboard = await getDashboard(companyId, 30);
    expect(dashboard.top[0].email).toBe("tox@example.com");
    expect(b2bTop).toBe("cto@example.com");

    await switchScoringModel(companyId, "b2b-saas");
    const restored = await leadsOf(companyId);
    expect(restored.map(({ score, grade, rawPoints, breakdown }) => ({ score, grade, rawPoints, breakdown }))).toEqual(
      original.map(({ score, grade, rawPoints, breakdown }) => ({ score, grade, rawPoints, breakdown })),
    );
  });

  it("leaves other companies' leads alone", async () => {
    const mine = await companyWithLeads("Mine");
    const theirs = await companyWithLeads("Theirs");
    const theirsBefore = await leadsOf(theirs);
    await switchScoringModel(mine, "lifescience-3d-invitro");
    expect(await leadsOf(theirs)).toEqual(theirsBefore);
  });

  it("refuses a model that does not exist and changes nothing", async () => {
    const companyId = await companyWithLeads("Unknown model");
    const before = await leadsOf(companyId);
    await expect(switchScoringModel(companyId, "no-such-model")).rejects.toThrow(AppError);
    await expect(switchScoringModel(companyId, "no-such-model")).rejects.toMatchObject({ status: 400 });
    expect(await leadsOf(companyId)).toEqual(before);
    expect((await prisma.company.findUniqueOrThrow({ where: { id: companyId } })).scoringModelId).toBe("b2b-saas");
  });
});

describe("re-scoring with a model of the company's own", () => {
  it("reads extra columns, the email's domain and negative points exactly as scoring a lead does", async () => {
    const companyId = (await prisma.company.create({ data: { name: "Own model" } })).id;
    const csv = "Email,Job Title,Lead Source,ARR\nana@acme.pt,CEO,Webinar,\"1,200\"\nbob@gmail.com,Student,Cold call,n/a\ncy@acme.pt,CTO,,\n";
    await processImport(await createImport({ companyId, userId: null, fileName: "own.csv", source: bytesOf(csv) }));
    const own = parseScoringModel({
      id: "own",
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
      expect(await companyTransaction(client, companyId, () => rescoreLeads(client, companyId, own))).toBe(3);
    } finally {
      await client.end();
    }
    const leads = await leadsOf(companyId);
    expect(leads.map((lead) => [lead.email, lead.rawPoints, lead.score, lead.grade])).toEqual([
      ["ana@acme.pt", 11, 100, "A"],
      ["bob@gmail.com", -5, 0, "D"],
      ["cy@acme.pt", 4, 40, "B"],
    ]);
    for (const lead of leads) expect(lead.breakdown).toEqual(scoreLead(lead, own).breakdown.map((entry) => entry.points));
  });
});
