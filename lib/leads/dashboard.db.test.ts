import { createCompany } from "@/lib/test-factories";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { testEmail } from "@/lib/db/test-helpers";
import { addActivities } from "@/lib/activities/activities";
import { getDashboard } from "./dashboard";

async function companyWith(leads: { score: number; grade: string; submittedAt: string }[]) {
  const company = await createCompany({ name: "Dash Co" });
  await prisma.lead.createMany({
    data: leads.map((lead, i) => ({
      companyId: company.id,
      email: testEmail(`d${i}`),
      fullName: `Lead ${i}`,
      rawPoints: lead.score,
      score: lead.score,
      grade: lead.grade,
      breakdown: [],
      submittedAt: new Date(lead.submittedAt),
    })),
  });
  return company.id;
}

describe("dashboard data", () => {
  const now = new Date("2026-12-02T15:00:00Z");

  it("counts leads per grade, averages the score and counts the new ones in the period", async () => {
    const companyId = await companyWith([
      { score: 95, grade: "A", submittedAt: "2026-12-01T10:00:00Z" },
      { score: 80, grade: "A", submittedAt: "2026-11-29T10:00:00Z" },
      { score: 65, grade: "B", submittedAt: "2026-10-01T10:00:00Z" },
      { score: 10, grade: "D", submittedAt: "2026-06-01T10:00:00Z" },
    ]);
    const { kpis, top } = await getDashboard(companyId, 7, now);
    expect(kpis).toEqual({ total: 4, averageScore: 62.5, newInPeriod: 2, grades: { A: 2, B: 1, C: 0, D: 1 } });
    expect(top.map((lead) => lead.score)).toEqual([95, 80, 65, 10]);
  });

  it("buckets leads by UTC day across a month boundary, with empty days as zero", async () => {
    const companyId = await companyWith([
      { score: 50, grade: "C", submittedAt: "2026-11-30T23:59:59Z" },
      { score: 50, grade: "C", submittedAt: "2026-12-01T00:00:00Z" },
      { score: 50, grade: "C", submittedAt: "2026-12-01T12:00:00Z" },
      { score: 50, grade: "C", submittedAt: "2026-12-02T14:59:00Z" },
      { score: 50, grade: "C", submittedAt: "2026-11-25T12:00:00Z" }, // before the 7-day window
    ]);
    // Activities per UTC day beside them, from the counts the database keeps (an activity's type does not matter).
    await addActivities(companyId, { userId: null }, [
      { email: "a@x.example", type: "Email clicked", occurredAt: "2026-11-30T23:30:00Z" },
      { email: "a@x.example", type: "Demo requested", occurredAt: "2026-12-01T00:30:00Z" },
      { email: "b@x.example", type: "Email clicked", occurredAt: "2026-12-01T08:00:00Z" },
      { email: "b@x.example", type: "Email clicked", occurredAt: "2026-11-20T08:00:00Z" }, // before the window
    ]);
    const { trend } = await getDashboard(companyId, 7, now);
    expect(trend).toEqual([
      { day: "2026-11-26", leads: 0, activities: 0 },
      { day: "2026-11-27", leads: 0, activities: 0 },
      { day: "2026-11-28", leads: 0, activities: 0 },
      { day: "2026-11-29", leads: 0, activities: 0 },
      { day: "2026-11-30", leads: 1, activities: 1 },
      { day: "2026-12-01", leads: 2, activities: 2 },
      { day: "2026-12-02", leads: 1, activities: 0 },
    ]);
    expect((await getDashboard(companyId, 90, now)).trend).toHaveLength(90);
  });

  it("counts the same leads as new in the period as its trend adds up to, even with leads dated after today", async () => {
    // Older data (or a clock ahead by a day) can hold dates after today; they belong to no period yet.
    const companyId = await companyWith([
      { score: 50, grade: "C", submittedAt: "2026-12-02T10:00:00Z" },
      { score: 50, grade: "C", submittedAt: "2026-12-03T10:00:00Z" },
      { score: 90, grade: "A", submittedAt: "9999-12-31T00:00:00Z" },
      { score: 50, grade: "C", submittedAt: "2026-11-20T10:00:00Z" },
    ]);
    for (const days of [7, 30, 90]) {
      const { kpis, trend } = await getDashboard(companyId, days, now);
      expect(kpis.newInPeriod, `${days} days`).toBe(trend.reduce((sum, day) => sum + day.leads, 0));
    }
    expect((await getDashboard(companyId, 7, now)).kpis.newInPeriod).toBe(1);
  });

  it("shows only the company's own leads, and zeros for an empty account", async () => {
    await companyWith([{ score: 99, grade: "A", submittedAt: "2026-12-01T10:00:00Z" }]);
    const empty = await createCompany({ name: "Empty" });
    const dashboard = await getDashboard(empty.id, 30, now);
    expect(dashboard.kpis).toEqual({ total: 0, averageScore: 0, newInPeriod: 0, grades: { A: 0, B: 0, C: 0, D: 0 } });
    expect(dashboard.top).toEqual([]);
    expect(dashboard.trend.every((day) => day.leads === 0)).toBe(true);
  });
});
