import { z } from "zod";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export const listLeadsQuery = z.object({
  page: z.coerce.number().int("page must be a whole number.").min(1, "page starts at 1.").default(1),
  pageSize: z.coerce.number().int().min(1).max(200, "pageSize is at most 200.").default(50),
});

export type ListLeadsQuery = z.infer<typeof listLeadsQuery>;

/** The ranking everywhere: best score first, then the newest, then by email. */
export const RANKING = [{ score: "desc" }, { submittedAt: "desc" }, { email: "asc" }] satisfies Prisma.LeadOrderByWithRelationInput[];

/** A company's leads in ranked order. */
export async function listLeads(companyId: string, { page, pageSize }: ListLeadsQuery) {
  const where = { companyId };
  const [total, leads] = await Promise.all([
    prisma.lead.count({ where }),
    prisma.lead.findMany({
      where,
      orderBy: RANKING,
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
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
      },
    }),
  ]);
  return { total, page, pageSize, leads };
}

export type LeadSummary = Awaited<ReturnType<typeof listLeads>>["leads"][number];

export function leadDisplayName(lead: Pick<LeadSummary, "fullName" | "firstName" | "lastName" | "email">): string {
  const joined = [lead.firstName, lead.lastName].filter(Boolean).join(" ");
  return lead.fullName || joined || lead.email;
}
