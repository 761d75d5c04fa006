import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { testEmail } from "@/lib/db/test-helpers";
import { getLead } from "./get-lead";
import { listLeads } from "./list-leads";

async function companyWithLeads(scores: number[]) {
  const company = await prisma.company.create({ data: { name: "Leads Co" } });
  const submittedAt = new Date("2026-11-01T00:00:00Z");
  for (const [i, score] of scores.entries()) {
    await prisma.lead.create({
      data: {
        companyId: company.id,
        email: testEmail(`lead${i}`),
        fullName: `Lead ${i}`,
        submittedAt: new Date(submittedAt.getTime() + i * 1000),
        rawPoints: score,
        score,
        grade: "D",
        breakdown: [],
        scoringModelId: "b2b-saas",
      },
    });
  }
  return company.id;
}

describe("leads of a company", () => {
  it("lists only the company's own leads, best score first, newest first on ties", async () => {
    const mine = await companyWithLeads([10, 90, 50, 90]);
    await companyWithLeads([99]);
    const { total, leads } = await listLeads(mine, { page: 1, pageSize: 10 });
    expect(total).toBe(4);
    expect(leads.map((l) => l.fullName)).toEqual(["Lead 3", "Lead 1", "Lead 2", "Lead 0"]);
  });

  it("pages through the ranking", async () => {
    const mine = await companyWithLeads([5, 4, 3, 2, 1]);
    const second = await listLeads(mine, { page: 2, pageSize: 2 });
    expect(second.total).toBe(5);
    expect(second.leads.map((l) => l.score)).toEqual([3, 2]);
  });

  it("finds a lead by id only within its own company", async () => {
    const owner = await companyWithLeads([42]);
    const other = await companyWithLeads([]);
    const [lead] = (await listLeads(owner, { page: 1, pageSize: 1 })).leads;
    expect((await getLead(owner, lead.id))?.score).toBe(42);
    expect(await getLead(other, lead.id)).toBeNull();
    expect(await getLead(owner, randomUUID())).toBeNull();
    expect(await getLead(owner, "not-a-uuid")).toBeNull();
  });
});
