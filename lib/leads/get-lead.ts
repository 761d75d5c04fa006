import { z } from "zod";
import { prisma } from "@/lib/db/client";

/** One lead of the company, or null when the id is malformed or belongs to someone else. */
export async function getLead(companyId: string, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  return prisma.lead.findFirst({ where: { id, companyId } });
}
