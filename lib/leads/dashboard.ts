import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { rankedLeads } from "./list-leads";

export const TREND_DAYS = [7, 30, 90] as const;

export const dashboardQuery = z.object({
  // The values a query string carries, so that the OpenAPI document names exactly these three.
  days: z
    .enum(["7", "30", "90"], { error: "days must be 7, 30 or 90." })
    .default("30")
    .transform((days) => Number(days) as (typeof TREND_DAYS)[number]),
});

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Everything the dashboard shows for one company: KPIs, the top 10 leads, and leads
 * submitted and activities per day (UTC) over the last `days` days, today included, empty days as zero.
 */
export async function getDashboard(companyId: string, days: number, now = new Date()) {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const since = new Date(today.getTime() - (days - 1) * DAY_MS);
  // As dates (YYYY-MM-DD), so that the session's time zone plays no part. The KPI "new in the
  // period" and the trend count the same days, so they always add up to the same leads.
  const [first, last] = [since, today].map((day) => day.toISOString().slice(0, 10));
  const [[kpis], top, trend] = await Promise.all([
    // From the per-day, per-grade counts the database keeps (table "LeadStats"), not from the leads.
    prisma.$queryRaw<{ total: number; averageScore: number | null; newInPeriod: number; a: number; b: number; c: number; d: number }[]>`
      SELECT COALESCE(sum("leads"), 0)::int AS "total",
             round(sum("scoreSum") / NULLIF(sum("leads"), 0), 1)::float AS "averageScore",
             COALESCE(sum("leads") FILTER (WHERE "day" BETWEEN ${first}::date AND ${last}::date), 0)::int AS "newInPeriod",
             COALESCE(sum("leads") FILTER (WHERE "grade" = 'A'), 0)::int AS "a",
             COALESCE(sum("leads") FILTER (WHERE "grade" = 'B'), 0)::int AS "b",
             COALESCE(sum("leads") FILTER (WHERE "grade" = 'C'), 0)::int AS "c",
             COALESCE(sum("leads") FILTER (WHERE "grade" = 'D'), 0)::int AS "d"
      FROM "LeadStats" WHERE "companyId" = ${companyId}::uuid`,
    rankedLeads(companyId, { q: "", minScore: 0, grade: "" }, "score", 10),
    // Activities per day beside the leads, from the counts the database keeps for them ("ActivityStats").
    prisma.$queryRaw<{ day: string; leads: number; activities: number }[]>`
      WITH counted AS (
        SELECT "day", sum("leads")::int AS "leads"
        FROM "LeadStats"
        WHERE "companyId" = ${companyId}::uuid AND "day" BETWEEN ${first}::date AND ${last}::date
        GROUP BY 1
      ), acted AS (
        SELECT "day", sum("activities")::int AS "activities"
        FROM "ActivityStats"
        WHERE "companyId" = ${companyId}::uuid AND "day" BETWEEN ${first}::date AND ${last}::date
        GROUP BY 1
      )
      SELECT to_char(d, 'YYYY-MM-DD') AS "day", COALESCE(c."leads", 0)::int AS "leads", COALESCE(a."activities", 0)::int AS "activities"
      FROM generate_series(${first}::date, ${last}::date, interval '1 day') AS d
      LEFT JOIN counted c ON c."day" = d::date
      LEFT JOIN acted a ON a."day" = d::date
      ORDER BY d`,
  ]);
  return {
    days,
    kpis: {
      total: kpis.total,
      averageScore: kpis.averageScore ?? 0,
      newInPeriod: kpis.newInPeriod,
      grades: { A: kpis.a, B: kpis.b, C: kpis.c, D: kpis.d },
    },
    top,
    trend,
  };
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;

/** How many leads the company has (from the exact per-day counts, without counting the leads). */
export async function countLeads(companyId: string): Promise<number> {
  const [{ leads }] = await prisma.$queryRaw<{ leads: number }[]>`SELECT coalesce(sum("leads"), 0)::int AS "leads" FROM "LeadStats" WHERE "companyId" = ${companyId}::uuid`;
  return leads;
}
