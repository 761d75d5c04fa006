import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { requirePermission, ROLES, type Principal, type Role } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import { memberView } from "./schemas";

export type MemberView = z.infer<typeof memberView>;

export const roleSchema = z.object({ role: z.enum(ROLES, { error: 'role is "owner", "member" or "viewer".' }) });

const LAST_OWNER = "A company always keeps at least one owner: make someone else an owner first.";

const MEMBER = { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } } as const;
const toView = (m: { role: string; createdAt: Date; user: { id: string; email: string; name: string } }): MemberView => ({
  ...m.user,
  role: m.role as Role,
  joinedAt: m.createdAt.toISOString(),
});

export async function listMembers(principal: Principal): Promise<MemberView[]> {
  requirePermission(principal, "leads:read");
  const rows = await prisma.membership.findMany({ where: { companyId: principal.companyId }, select: MEMBER, orderBy: { createdAt: "asc" } });
  return rows.map(toView);
}

/**
 * Runs a change of the company's memberships under a lock of its own (a transaction advisory
 * lock), so that two owners demoting or removing each other at once take turns and the last
 * owner is always seen. Not the company row's lock: an import holds that for its whole run, and
 * a role change must not wait for it. (Deleting the company deletes the row, and so still
 * waits for a running import.)
 */
export async function withMembersLocked<T>(companyId: string, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`members:${companyId}`}, 0))`;
    return work(tx);
  });
}

async function otherOwners(tx: Prisma.TransactionClient, companyId: string, userId: string): Promise<number> {
  return tx.membership.count({ where: { companyId, role: "owner", userId: { not: userId } } });
}

/** Changes a member's role (owners only); the last owner cannot stop being one. Takes effect on their next request. */
export async function changeRole(principal: Principal, userId: string, role: Role): Promise<MemberView> {
  requirePermission(principal, "members:manage");
  const where = { userId_companyId: { userId, companyId: principal.companyId } };
  return withMembersLocked(principal.companyId, async (tx) => {
    const member = await tx.membership.findUnique({ where, select: MEMBER });
    if (!member) throw notFound("This member");
    if (member.role === role) return toView(member);
    if (member.role === "owner" && (await otherOwners(tx, principal.companyId, userId)) === 0) throw new AppError("last_owner", LAST_OWNER);
    const changed = await tx.membership.update({ where, data: { role }, select: MEMBER });
    await recordAudit(tx, principal.companyId, principal, "member.role", { target: userId, detail: { from: member.role, to: role } });
    return toView(changed);
  });
}

/**
 * Takes a person out of the company: their sessions in it and their tokens for it stop working
 * at once (both are checked against the membership on every request); their tokens go. A person
 * left in no company has no use for an account, so it goes too (an invitation can bring them back).
 */
async function endMembership(tx: Prisma.TransactionClient, companyId: string, userId: string): Promise<void> {
  await tx.apiToken.deleteMany({ where: { companyId, userId } });
  await tx.membership.delete({ where: { userId_companyId: { userId, companyId } } });
  if ((await tx.membership.count({ where: { userId } })) === 0) await tx.user.delete({ where: { id: userId } });
  else await moveSessions(tx, companyId, userId);
}

/** Sessions still pointing at a company their user has left move to the user's oldest other company. */
export async function moveSessions(tx: Prisma.TransactionClient, companyId: string, userId?: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "AuthSession" s SET "companyId" = (SELECT m."companyId" FROM "Membership" m WHERE m."userId" = s."userId" ORDER BY m."createdAt" LIMIT 1)
    WHERE s."companyId" = ${companyId}::uuid AND (${userId ?? null}::uuid IS NULL OR s."userId" = ${userId ?? null}::uuid)`;
}

/** Removes a member (owners only; the last owner cannot be removed). */
export async function removeMember(principal: Principal, userId: string): Promise<void> {
  requirePermission(principal, "members:manage");
  await withMembersLocked(principal.companyId, async (tx) => {
    const member = await tx.membership.findUnique({ where: { userId_companyId: { userId, companyId: principal.companyId } }, select: { role: true, user: { select: { email: true } } } });
    if (!member) throw notFound("This member");
    if (member.role === "owner" && (await otherOwners(tx, principal.companyId, userId)) === 0) throw new AppError("last_owner", LAST_OWNER);
    await recordAudit(tx, principal.companyId, principal, "member.remove", { target: userId, detail: { email: member.user.email, role: member.role } });
    await endMembership(tx, principal.companyId, userId);
  });
}

/** Leaves the company (any role; the last owner must hand over first). */
export async function leaveCompany(principal: Principal): Promise<void> {
  await withMembersLocked(principal.companyId, async (tx) => {
    if (principal.role === "owner" && (await otherOwners(tx, principal.companyId, principal.userId)) === 0) throw new AppError("last_owner", LAST_OWNER);
    await recordAudit(tx, principal.companyId, { ...principal, tokenId: undefined }, "member.leave", { target: principal.userId });
    await endMembership(tx, principal.companyId, principal.userId);
  });
}
