import { prisma } from "@/lib/db/client";
import { isId } from "@/lib/ids";

/** One lead of the company, or null when the id is malformed or belongs to someone else. */
export async function getLead(companyId: string, id: string) {
  if (!isId(id)) return null;
  return prisma.lead.findFirst({ where: { id, companyId } });
}
