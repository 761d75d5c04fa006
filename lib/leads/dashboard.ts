import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { rankedLeads } from "./list-leads";

export const TREND_DAYS = [7, 30, 90] as const;

export const dashboardQuery = z.object({
  days: z.coerce
    .number()
    .refine((days) => (TREND_DAYS as readonly number[]).includes(days), "days must be 7, 30 or 90.")
    .default(30),
});

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Everything the dashboard shows for one company: KPIs, the top 10 leads, and leads
 * submitted per day (UTC) over the last `days` days, today included, empty days as zero.
 */
export async function getDashboard(companyId: string, days: number, now = new Date()) {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const since = new Date(today.getTime() - (days - 1) * DAY_MS);
  const [[kpis], top, trend] = await Promise.all([
    prisma.$queryRaw<{ total: number; averageScore: number | null; newInPeriod: number; a: number; b: number; c: number; d: number }[]>`
      SELECT count(*)::int AS "total",
             round(avg("score"), 1)::float AS "averageScore",
             count(*) FILTER (WHERE "submittedAt" >= ${since})::int AS "newInPeriod",
             count(*) FILTER (WHERE "grade" = 'A')::int AS "a",
             count(*) FILTER (WHERE "grade" = 'B')::int AS "b",
             count(*) FILTER (WHERE "grade" = 'C')::int AS "c",
             count(*) FILTER (WHERE "grade" = 'D')::int AS "d"
      FROM "Lead" WHERE "companyId" = ${companyId}::uuid`,
    rankedLeads(companyId, { q: "", minScore: 0, grade: "" }, "score", 10),
    prisma.$queryRaw<{ day: string; leads: number }[]>`
      WITH counted AS (
        SELECT date_trunc('day', "submittedAt" AT TIME ZONE 'UTC') AS "day", count(*)::int AS "leads"
        FROM "Lead"
        WHERE "companyId" = ${companyId}::uuid AND "submittedAt" >= ${since} AND "submittedAt" < ${new Date(today.getTime() + DAY_MS)}
        GROUP BY 1
      )
      SELECT to_char(d, 'YYYY-MM-DD') AS "day", COALESCE(c."leads", 0)::int AS "leads"
      FROM generate_series(${since}::timestamptz AT TIME ZONE 'UTC', ${today}::timestamptz AT TIME ZONE 'UTC', interval '1 day') AS d
      LEFT JOIN counted c ON c."day" = d
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
