import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { z } from "zod";
import type { Principal } from "@/lib/auth/permissions";
import { auditEventView } from "./schemas";
import { isId } from "@/lib/ids";

/** Who did it: a user (signed in, or through one of their tokens); null for LeadRank itself (the command-line import). */
export type Actor = { userId: string | null } & Partial<Pick<Principal, "tokenId" | "ip">>;

export const AUDIT_ACTIONS = [
  "sign_in",
  "import.create",
  "import.undo",
  "outcome.set",
  "activities.add",
  "model.create",
  "model.draft_save",
  "model.draft_discard",
  "model.restore",
  "model.publish",
  "model.activate",
  "rescore.retry",
  "invitation.create",
  "invitation.resend",
  "invitation.revoke",
  "invitation.accept",
  "member.role",
  "member.remove",
  "member.leave",
  "token.create",
  "token.revoke",
  "password.change",
  "password.reset",
  "company.create",
  "company.delete",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

type AuditOptions = { target?: string | null; detail?: Record<string, unknown> };

/**
 * Writes one audit event in `tx`, the transaction of the change itself, so that the event and
 * the change are committed together or not at all. The actor's email and the token's name are
 * copied in the same statement, so the record still reads after they go.
 */
export async function recordAudit(tx: Prisma.TransactionClient, companyId: string | null, actor: Actor | null | undefined, action: AuditAction, options: AuditOptions = {}): Promise<void> {
  const { text, values } = auditStatement(companyId, actor, action, options);
  await tx.$executeRawUnsafe(text, ...values);
}

/** The statement that records an audit event, for bulk work that holds its own connection (an undo). */
export function auditStatement(companyId: string | null, actor: Actor | null | undefined, action: AuditAction, { target = null, detail = {} }: AuditOptions = {}) {
  return {
    text: `INSERT INTO "AuditEvent" ("companyId", "userId", "actorEmail", "tokenId", "tokenName", "action", "target", "detail", "ip")
      SELECT $1::uuid, $2::uuid, (SELECT "email" FROM "User" WHERE "id" = $2::uuid), $3::uuid,
             (SELECT "name" FROM "ApiToken" WHERE "id" = $3::uuid), $4, $5, $6::jsonb, $7`,
    values: [companyId, actor?.userId ?? null, actor?.tokenId ?? null, action, target, JSON.stringify(detail), actor?.ip ?? null],
  };
}

export const AUDIT_PAGE_SIZE = 50;

export const auditQuery = z.object({
  action: z.enum(AUDIT_ACTIONS).optional().describe("Only events of this action."),
  user: z.string().trim().max(254).optional().describe("Only events of the user with this id or email."),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export type AuditEventView = z.infer<typeof auditEventView> & { action: AuditAction };

/** The company's audit log, newest first, a page at a time (for owners: the route and page check "audit:read"). */
export async function listAudit(
  companyId: string,
  { action, user, page }: z.output<typeof auditQuery>,
): Promise<{ events: AuditEventView[]; page: number; pageSize: number; total: number }> {
  const where = {
    companyId,
    ...(action ? { action } : {}),
    ...(user ? (isId(user) ? { userId: user } : { actorEmail: user.toLowerCase() }) : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.auditEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
    prisma.auditEvent.count({ where }),
  ]);
  return {
    events: rows.map((row) => ({
      id: String(row.id),
      action: row.action as AuditAction,
      at: row.createdAt.toISOString(),
      user: { id: row.userId, email: row.actorEmail },
      token: row.tokenId ? { id: row.tokenId, name: row.tokenName } : null,
      target: row.target,
      detail: (row.detail ?? {}) as Record<string, unknown>,
      ip: row.ip,
    })),
    page,
    pageSize: AUDIT_PAGE_SIZE,
    total,
  };
}
