import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { openCompany } from "@/lib/auth/accounts";
import { requirePermission, type Principal } from "@/lib/auth/permissions";
import { signUpSchema } from "@/lib/auth/schemas";
import { prisma } from "@/lib/db/client";
import { AppError, invalidValue, isLockTimeout } from "@/lib/errors";
import { moveSessions, withMembersLocked } from "./members";

/** A company's life cycle: another company for someone already signed in, and its deletion. (Its members: ./members.ts.) */
export const newCompanySchema = z.object({
  companyName: signUpSchema.shape.companyName,
  scoringModelId: signUpSchema.shape.scoringModelId,
});

/**
 * Creates another company with the signed-in person as its owner (an agency working for
 * several clients, say), with its first model from a template; returns its id.
 */
export async function createCompanyFor(userId: string, company: z.output<typeof newCompanySchema>): Promise<string> {
  return prisma.$transaction((tx) => openCompany(tx, userId, company));
}

/**
 * Deletes the company and every row of it (owners only, after typing its name). Its members'
 * other memberships stay, and their sessions move to another of their companies; accounts left
 * in no company go. The deletion itself is recorded with no company (its own log goes with it).
 */
export async function deleteCompany(principal: Principal, confirmName: string): Promise<void> {
  requirePermission(principal, "company:delete");
  await withMembersLocked(principal.companyId, async (tx) => {
    const company = await tx.company.findUniqueOrThrow({ where: { id: principal.companyId }, select: { name: true } });
    if (confirmName.trim() !== company.name.trim()) {
      throw invalidValue("confirmName", `Type the company's name, ${company.name}, to delete it.`);
    }
    // An import or re-score holds the company row for its whole run: rather than wait (and
    // outlast the transaction), ask to come back when it has finished.
    await tx.$executeRaw`SET LOCAL lock_timeout = '2s'`;
    try {
      await tx.$queryRaw`SELECT 1 FROM "Company" WHERE "id" = ${principal.companyId}::uuid FOR UPDATE`;
    } catch (error) {
      if (isLockTimeout(error)) throw new AppError("company_busy", "An import or re-score is running in this company. Delete it when that has finished.");
      throw error;
    }
    const members = await tx.membership.findMany({ where: { companyId: principal.companyId }, select: { userId: true } });
    await tx.company.delete({ where: { id: principal.companyId } });
    const ids = members.map((m) => m.userId);
    await tx.user.deleteMany({ where: { id: { in: ids }, memberships: { none: {} } } });
    await moveSessions(tx, principal.companyId);
    await recordAudit(tx, null, principal, "company.delete", { target: principal.companyId, detail: { members: ids.length } });
  });
}
