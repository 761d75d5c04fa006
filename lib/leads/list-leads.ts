import { z } from "zod";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export const SORTS = { score: "Best score", newest: "Newest", name: "Name" } as const;

export const listLeadsQuery = z.object({
  q: z.string().trim().max(200, "The search is at most 200 characters.").default(""),
  minScore: z.coerce
    .number({ error: "minScore must be a whole number from 0 to 100." })
    .int("minScore must be a whole number from 0 to 100.")
    .min(0, "minScore must be a whole number from 0 to 100.")
    .max(100, "minScore must be a whole number from 0 to 100.")
    .default(0),
  grade: z.enum(["", "A", "B", "C", "D"], { error: "grade is A, B, C or D." }).default(""),
  sort: z.enum(Object.keys(SORTS) as [keyof typeof SORTS, ...(keyof typeof SORTS)[]], { error: "sort is score, newest or name." }).default("score"),
  page: z.coerce.number({ error: "page must be a whole number." }).int("page must be a whole number.").min(1, "page starts at 1.").default(1),
  pageSize: z.coerce
    .number({ error: "pageSize must be a whole number." })
    .int("pageSize must be a whole number.")
    .min(1, "pageSize is at least 1.")
    .max(200, "pageSize is at most 200.")
    .default(50),
});

export type ListLeadsQuery = z.infer<typeof listLeadsQuery>;

/** The ranking everywhere: best score first, then the newest, then by email. */
export const RANKING = [{ score: "desc" }, { submittedAt: "desc" }, { email: "asc" }] satisfies Prisma.LeadOrderByWithRelationInput[];

export const ORDER: Record<keyof typeof SORTS, Prisma.LeadOrderByWithRelationInput[]> = {
  score: RANKING,
  newest: [{ submittedAt: "desc" }, { score: "desc" }, { email: "asc" }],
  name: [{ fullName: { sort: "asc", nulls: "last" } }, { lastName: { sort: "asc", nulls: "last" } }, { firstName: "asc" }, { email: "asc" }],
};

const SEARCHED = ["fullName", "firstName", "lastName", "email", "jobTitle", "companyName", "location", "industry"] as const;

/** The company's leads that match the filters: search (any part of name, email, title, company, location, industry; any case), minimum score, grade. */
export function leadsWhere(companyId: string, { q, minScore, grade }: Pick<ListLeadsQuery, "q" | "minScore" | "grade">): Prisma.LeadWhereInput {
  return {
    companyId,
    ...(minScore > 0 ? { score: { gte: minScore } } : {}),
    ...(grade ? { grade } : {}),
    ...(q ? { OR: SEARCHED.map((field) => ({ [field]: { contains: q, mode: "insensitive" as const } })) } : {}),
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** The same filters as `leadsWhere`, as SQL for the export's cursor: the condition and its parameters. */
export function leadsWhereSql(companyId: string, { q, minScore, grade }: Pick<ListLeadsQuery, "q" | "minScore" | "grade">) {
  const values: unknown[] = [companyId];
  const conditions = [`"companyId" = $1::uuid`];
  if (minScore > 0) conditions.push(`"score" >= $${values.push(minScore)}`);
  if (grade) conditions.push(`"grade" = $${values.push(grade)}`);
  if (q) {
    const pattern = `$${values.push(`%${escapeLike(q)}%`)}`;
    conditions.push(`(${SEARCHED.map((field) => `"${field}" ILIKE ${pattern}`).join(" OR ")})`);
  }
  return { text: conditions.join(" AND "), values };
}

/** The orders of SORTS, as SQL. */
export const ORDER_SQL: Record<keyof typeof SORTS, string> = {
  score: `"score" DESC, "submittedAt" DESC, "email" ASC`,
  newest: `"submittedAt" DESC, "score" DESC, "email" ASC`,
  name: `"fullName" ASC NULLS LAST, "lastName" ASC NULLS LAST, "firstName" ASC, "email" ASC`,
};

/** What lists of leads show (table, top 10). */
export const LEAD_SUMMARY = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  fullName: true,
  jobTitle: true,
  companyName: true,
  score: true,
  grade: true,
  submittedAt: true,
} satisfies Prisma.LeadSelect;

/** A page of the company's leads that match the filters, in the chosen order, with the total. */
export async function listLeads(companyId: string, { page, pageSize, sort, ...filters }: ListLeadsQuery) {
  const where = leadsWhere(companyId, filters);
  const [total, leads] = await Promise.all([
    prisma.lead.count({ where }),
    prisma.lead.findMany({
      where,
      orderBy: ORDER[sort],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: LEAD_SUMMARY,
    }),
  ]);
  return { total, page, pageSize, leads };
}

export type LeadSummary = Awaited<ReturnType<typeof listLeads>>["leads"][number];

export function leadDisplayName(lead: Pick<LeadSummary, "fullName" | "firstName" | "lastName" | "email">): string {
  const joined = [lead.firstName, lead.lastName].filter(Boolean).join(" ");
  return lead.fullName || joined || lead.email;
}
