import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { can, isRole, lowerRole, requirePermission, ROLES, type Principal, type Role } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { hashSecret, newSecret } from "@/lib/secrets";
import { withoutControlCharacters } from "@/lib/text";
import { tokenView } from "./schemas";

export const TOKEN_PREFIX = "lr_";
/** Requests a token may make per minute; more get 429 with Retry-After. */
export const TOKEN_RATE_LIMIT = Number(process.env.LEADRANK_TOKEN_RATE_LIMIT) || 600;

export const createTokenSchema = z.object({
  name: z.string().min(1, "Give the token a name.").max(100, "Use at most 100 characters.").transform(withoutControlCharacters).pipe(z.string().trim().min(1, "Give the token a name.").max(100, "Use at most 100 characters.")),
  role: z.enum(ROLES).optional().describe("At most your own role; your own role when left out."),
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((date) => new Date(date) > new Date(), "The expiry date must be in the future.")
    .optional()
    .describe("When the token stops working, in the future; never when left out."),
});

export type TokenView = z.infer<typeof tokenView>;

const VIEW = {
  id: true,
  name: true,
  role: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  user: { select: { id: true, name: true, email: true } },
} as const;

function toView(row: { id: string; name: string; role: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null; user: { id: string; name: string; email: string } }): TokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    owner: row.user,
  };
}

/**
 * Creates a personal token of the principal's user in the principal's company: its role is at
 * most the creator's (a token made with a token: at most that token's). The secret is returned
 * here once and stored only as a hash.
 */
export async function createToken(principal: Principal, input: z.output<typeof createTokenSchema>): Promise<TokenView & { secret: string }> {
  requirePermission(principal, "tokens:own");
  const role = input.role ?? principal.role;
  if (lowerRole(role, principal.role) !== role) throw new AppError("forbidden", `A token cannot have a higher role than yours (${principal.role}).`);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  const { secret, hash } = newSecret(TOKEN_PREFIX);
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { companyId: principal.companyId, userId: principal.userId, name: input.name, role, secretHash: hash, expiresAt },
      select: VIEW,
    });
    await recordAudit(tx, principal.companyId, principal, "token.create", { target: created.id, detail: { name: created.name, role } });
    return created;
  });
  return { ...toView(row), secret };
}

/** The company's tokens an owner sees, or the member's own: never a secret. */
export async function listTokens(principal: Principal): Promise<TokenView[]> {
  requirePermission(principal, "tokens:own");
  const rows = await prisma.apiToken.findMany({
    where: { companyId: principal.companyId, ...(can(principal, "tokens:all") ? {} : { userId: principal.userId }) },
    select: VIEW,
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toView);
}

/** Revokes a token at once (its next request gets 401). Someone else's token is only found by an owner. */
export async function revokeToken(principal: Principal, id: string): Promise<void> {
  requirePermission(principal, "tokens:own");
  await prisma.$transaction(async (tx) => {
    const where = { id, companyId: principal.companyId, ...(can(principal, "tokens:all") ? {} : { userId: principal.userId }) };
    const token = await tx.apiToken.findFirst({ where, select: { name: true } });
    if (!token) throw notFound("This token");
    // Recorded first: the event copies the token's name.
    await recordAudit(tx, principal.companyId, principal, "token.revoke", { target: id, detail: { name: token.name } });
    await tx.apiToken.deleteMany({ where });
  });
}

export type TokenCheck = { principal: Principal } | { error: "invalid" } | { error: "rate_limited"; retryAfter: number };

/**
 * The principal a bearer token stands for. In one statement: the token must exist, not be
 * expired, and its user must still be a member of its company (a removed member's tokens stop
 * at once); its role is the lower of its own and its user's current one. The same statement
 * counts the request against the token's minute and records when it was last used. That
 * bookkeeping does not wait for the disk (synchronous_commit off for this statement alone: a
 * crash may lose the last second of counts): behind another company's import, whose writes
 * fill the log, waiting for it made every request with a token wait too.
 */
export async function principalFromToken(secret: string, ip?: string): Promise<TokenCheck> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 100) return { error: "invalid" };
  const [row] = await prisma.$queryRaw<{ id: string; userId: string; companyId: string; role: string; memberRole: string; count: number; retryAfter: number }[]>`
    UPDATE "ApiToken" t SET
      "lastUsedAt" = now(),
      "windowStart" = CASE WHEN t."windowStart" > now() - interval '1 minute' THEN t."windowStart" ELSE now() END,
      "windowCount" = CASE WHEN t."windowStart" > now() - interval '1 minute' THEN t."windowCount" + 1 ELSE 1 END
    FROM "Membership" m, (SELECT set_config('synchronous_commit', 'off', true)) AS "noFlush"
    WHERE t."secretHash" = ${hashSecret(secret)}
      AND (t."expiresAt" IS NULL OR t."expiresAt" > now())
      AND m."userId" = t."userId" AND m."companyId" = t."companyId"
    RETURNING t."id", t."userId", t."companyId", t."role", m."role" AS "memberRole", t."windowCount" AS "count",
      CEIL(EXTRACT(EPOCH FROM t."windowStart" + interval '1 minute' - now()))::int AS "retryAfter"`;
  if (!row || !isRole(row.role) || !isRole(row.memberRole)) return { error: "invalid" };
  if (row.count > TOKEN_RATE_LIMIT) return { error: "rate_limited", retryAfter: Math.max(1, row.retryAfter) };
  return { principal: { userId: row.userId, companyId: row.companyId, role: lowerRole(row.role, row.memberRole), via: "token", tokenId: row.id, ip } };
}

