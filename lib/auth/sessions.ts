import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import { isRole, type Role } from "./permissions";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

type Db = Prisma.TransactionClient | typeof prisma;

/** Records a new signed-in session of the user in one of their companies; its id goes into the session cookie. */
export async function startSession(userId: string, companyId: string, db: Db = prisma): Promise<string> {
  // Expired sessions of the user are cleared on the way.
  await db.authSession.deleteMany({ where: { userId, expiresAt: { lt: new Date() } } });
  const session = await db.authSession.create({
    data: { userId, companyId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
  });
  return session.id;
}

/**
 * The company and role of an open session: signed out, expired or belonging to someone else,
 * there is none. When the user is no longer a member of the session's company (removed, or
 * the company deleted), the session moves to another company of theirs, or there is none.
 */
export async function sessionMembership(sessionId: string | undefined, userId: string): Promise<{ companyId: string; role: Role } | null> {
  if (!sessionId) return null;
  // One round trip: the session's own company first, else the user's oldest membership.
  const [row] = await prisma.$queryRaw<{ sessionCompanyId: string; companyId: string; role: string }[]>`
    SELECT s."companyId" AS "sessionCompanyId", m."companyId", m."role"
    FROM "AuthSession" s JOIN "Membership" m ON m."userId" = s."userId"
    WHERE s."id" = ${sessionId}::uuid AND s."userId" = ${userId}::uuid AND s."expiresAt" > now()
    ORDER BY m."companyId" = s."companyId" DESC, m."createdAt"
    LIMIT 1`;
  if (!row || !isRole(row.role)) return null;
  if (row.companyId !== row.sessionCompanyId) await prisma.authSession.updateMany({ where: { id: sessionId, userId }, data: { companyId: row.companyId } });
  return { companyId: row.companyId, role: row.role };
}

/** Makes another company of the user's the session's company; refused (404) when they are not a member of it. */
export async function switchCompany(sessionId: string, userId: string, companyId: string): Promise<void> {
  const member = await prisma.membership.findUnique({ where: { userId_companyId: { userId, companyId } }, select: { role: true } }).catch(() => null);
  if (!member) throw notFound("This company");
  await prisma.authSession.updateMany({ where: { id: sessionId, userId }, data: { companyId } });
}

export async function endSession(sessionId: string): Promise<void> {
  await prisma.authSession.deleteMany({ where: { id: sessionId } });
}
