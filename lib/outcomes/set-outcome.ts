import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { recordAudit, type Actor } from "@/lib/audit/audit";
import { OUTCOMES, type Outcome } from "@/lib/csv/outcome";
import { isId } from "@/lib/ids";

export const outcomeSchema = z.enum(OUTCOMES, { error: 'outcome is "won", "lost" or "open".' });

/**
 * Sets the outcome of some of the company's leads (another company's ids match nothing), and
 * when it was set; leads already at that outcome keep their date. Returns how many changed.
 * The score does not change: an outcome is a label for measuring it, never an input.
 */
export async function setOutcome(companyId: string, leadIds: string[], outcome: Outcome, actor?: Actor): Promise<number> {
  const ids = leadIds.filter(isId);
  if (ids.length === 0) return 0;
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.lead.updateMany({
      where: { companyId, id: { in: ids }, outcome: { not: outcome } },
      data: { outcome, outcomeAt: new Date() },
    });
    if (count > 0) await recordAudit(tx, companyId, actor, "outcome.set", { target: ids.length === 1 ? ids[0] : null, detail: { outcome, leads: count } });
    return count;
  });
}
