import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { bytesOf } from "@/lib/db/test-helpers";
import { createImport } from "@/lib/imports/create-import";
import { processImport } from "@/lib/imports/process-import";
import { listModels, saveDraft } from "@/lib/models/models";
import { previewDefinition } from "@/lib/models/preview";
import { compileModel, templateDefinition } from "@/lib/scoring";
import { createCompany } from "@/lib/test-factories";
import { getInsights } from "./insights";
import { winRate } from "./stats";

const TITLES = ["CEO", "CTO", "VP Sales", "Director", "Engineer", "Developer", "Analyst", "Intern"];

/** `rows` leads with outcomes: senior titles win more often (deterministic). */
function crmExport(rows: number, prefix = "lead") {
  const lines = ["Email,Job Title,Company Size,Industry,Location,Lifecycle Stage"];
  for (let i = 0; i < rows; i++) {
    const title = TITLES[i % TITLES.length];
    const senior = i % TITLES.length < 4;
    const stage = i % 5 === 4 ? "lead" : (i * 7) % 10 < (senior ? 7 : 2) ? "customer" : "closed lost";
    lines.push(`${prefix}${i}@example.com,${title},${(i * 997) % 20000},${i % 3 ? "SaaS" : "Retail"},${i % 2 ? "Berlin" : "Porto"},${stage}`);
  }
  return lines.join("\n");
}

async function companyWith(name: string, rows: number) {
  const companyId = (await createCompany({ name })).id;
  await processImport(await createImport({ companyId, userId: null, fileName: "crm.csv", source: bytesOf(crmExport(rows, name.toLowerCase().replace(/\W/g, ""))) }));
  return companyId;
}

describe("insights", () => {
  it("measure the active model on the closed leads exactly: win rates per grade, AUC, bands and tiers", async () => {
    const companyId = await companyWith("Insightful", 400);
    await companyWith("Other", 100); // another company's outcomes count for nothing here
    const leads = await prisma.lead.findMany({ where: { companyId, outcome: { not: "open" } } });
    const insights = await getInsights(companyId);

    const won = leads.filter((l) => l.outcome === "won");
    const lost = leads.filter((l) => l.outcome === "lost");
    expect(insights.closed).toEqual({ won: won.length, lost: lost.length });
    expect(insights.needs).toEqual({ won: 0, lost: 0 });
    expect(insights.model.label).toBe("B2B SaaS v1");
    for (const grade of ["A", "B", "C", "D"] as const) {
      const of = (list: typeof leads) => list.filter((l) => l.grade === grade).length;
      expect(insights.byGrade[grade]).toEqual(winRate(of(won), of(lost)));
    }
    let pairs = 0;
    for (const w of won) for (const l of lost) pairs += w.score > l.score ? 1 : w.score === l.score ? 0.5 : 0;
    expect(insights.auc!.value).toBeCloseTo(pairs / (won.length * lost.length), 12);
    expect(insights.auc!.low).toBeLessThan(insights.auc!.value);
    expect(insights.auc!.high).toBeGreaterThan(insights.auc!.value);
    expect(insights.bands.reduce((sum, band) => sum + band.leads, 0)).toBe(leads.length);
    expect(insights.deciles).toHaveLength(10);
    expect(insights.deciles.reduce((sum, decile) => sum + decile.leads, 0)).toBeCloseTo(leads.length, 6);
    expect(insights.deciles[0].maxScore).toBe(Math.max(...leads.map((l) => l.score)));

    // Each rule's tiers (and "no match") account for every closed lead; the title tiers say who converts.
    const titles = insights.criteria.find((c) => c.id === "jobTitle")!;
    expect(titles.tiers.reduce((sum, tier) => sum + tier.leads, 0)).toBe(leads.length);
    const model = compileModel(templateDefinition("b2b-saas")!);
    const topTier = leads.filter((l) => model.score(l).breakdown[1].tiers[0] === 0);
    expect(titles.tiers[0]).toMatchObject({ leads: topTier.length, won: topTier.filter((l) => l.outcome === "won").length });
    expect(titles.tiers[0].winRate!).toBeGreaterThan(titles.tiers.at(-1)!.winRate!);
    expect(insights.draft).toBeNull();
  });

  it("compare the model's draft on the same closed leads", async () => {
    const companyId = await companyWith("Drafty", 200);
    const [{ id }] = await listModels(companyId);
    const b2b = templateDefinition("b2b-saas")!;
    const model = await saveDraft(companyId, id, { ...b2b, name: "Seniority first", criteria: [{ id: "senior", label: "Senior", tiers: [{ points: 20, when: [{ kind: "keywords", field: "jobTitle", keywords: ["CEO", "CTO", "VP", "Director"] }] }] }] });
    const insights = await getInsights(companyId);
    // The studio's preview says the same.
    const preview = await previewDefinition(companyId, model.draft!.definition);
    expect(preview.outcomes).toEqual({ ...insights.closed, auc: { now: insights.auc!.value, draft: insights.draft!.auc!.value } });
    expect(insights.draft!.label).toBe("Seniority first (draft)");
    // The draft ranks by seniority, which is what wins in this data.
    expect(insights.draft!.auc!.value).toBeGreaterThan(insights.auc!.value);
    const closed = insights.closed.won + insights.closed.lost;
    expect(Object.values(insights.draft!.byGrade).reduce((sum, rate) => sum + rate.leads, 0)).toBe(closed);
  });

  it("need 20 won and 20 lost leads for the AUC, and say how many more", async () => {
    const companyId = await companyWith("Few", 30);
    const insights = await getInsights(companyId);
    expect(insights.auc).toBeNull();
    expect(insights.needs.won + insights.needs.lost).toBeGreaterThan(0);
    expect(insights.needs).toEqual({ won: Math.max(0, 20 - insights.closed.won), lost: Math.max(0, 20 - insights.closed.lost) });
    const empty = await getInsights((await createCompany({ name: "Empty" })).id);
    expect(empty).toMatchObject({ closed: { won: 0, lost: 0 }, needs: { won: 20, lost: 20 }, auc: null, lift: null });
  });
});
