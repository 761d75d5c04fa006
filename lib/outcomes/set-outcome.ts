import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { OUTCOMES, type Outcome } from "@/lib/csv/outcome";

export const outcomeSchema = z.enum(OUTCOMES, { error: 'outcome is "won", "lost" or "open".' });

/**
 * Sets the outcome of some of the company's leads (another company's ids match nothing), and
 * when it was set; leads already at that outcome keep their date. Returns how many changed.
 * The score does not change: an outcome is a label for measuring it, never an input.
 */
export async function setOutcome(companyId: string, leadIds: string[], outcome: Outcome): Promise<number> {
  const ids = leadIds.filter((id) => z.uuid().safeParse(id).success);
  if (ids.length === 0) return 0;
  const { count } = await prisma.lead.updateMany({
    where: { companyId, id: { in: ids }, outcome: { not: outcome } },
    data: { outcome, outcomeAt: new Date() },
  });
  return count;
}
