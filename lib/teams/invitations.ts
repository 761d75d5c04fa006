import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { hashPassword } from "@/lib/auth/password";
import { requirePermission, ROLES, type Principal, type Role } from "@/lib/auth/permissions";
import { emailSchema, nameSchema, passwordSchema } from "@/lib/auth/schemas";
import { prisma } from "@/lib/db/client";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { invitationView } from "./schemas";
import { appOrigin, sendMail } from "@/lib/mail/mail";
import { hashSecret, newSecret } from "@/lib/secrets";

export const INVITATION_DAYS = 7;
export const INVITE_PATH = "/invite";

export const createInvitationSchema = z.object({
  email: emailSchema,
  role: z.enum(ROLES, { error: 'role is "owner", "member" or "viewer".' }),
});

export type InvitationView = z.infer<typeof invitationView>;

const VIEW = { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true } } } as const;
type Row = { id: string; email: string; role: string; createdAt: Date; expiresAt: Date; invitedBy: { name: string } | null };
const toView = (row: Row): InvitationView => ({
  id: row.id,
  email: row.email,
  role: row.role as Role,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  invitedBy: row.invitedBy?.name ?? null,
});


async function mailInvitation(principal: Principal, email: string, role: Role, url: string): Promise<boolean> {
  const [company, inviter] = await Promise.all([
    prisma.company.findUnique({ where: { id: principal.companyId }, select: { name: true } }),
    prisma.user.findUnique({ where: { id: principal.userId }, select: { name: true } }),
  ]);
  return sendMail({
    to: email,
    subject: `${inviter?.name ?? "Someone"} invited you to ${company?.name ?? "a company"} on LeadRank`,
    text: `${inviter?.name ?? "Someone"} invited you to join ${company?.name} on LeadRank as ${role === "owner" ? "an owner" : `a ${role}`}.\n\nOpen this link within ${INVITATION_DAYS} days to join (it works once):\n${url}\n\nIf you did not expect this, ignore this e-mail.`,
  });
}

/**
 * Invites an email into the company with a role (owners only): a single-use link valid for
 * INVITATION_DAYS days, e-mailed when SMTP is set up and returned to copy. Inviting the same
 * email again replaces the earlier link; a person already in the company is not invited.
 */
export async function createInvitation(principal: Principal, { email, role }: z.output<typeof createInvitationSchema>, { resend = false } = {}) {
  requirePermission(principal, "members:manage");
  const { secret, hash } = newSecret();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
  const row = await prisma.$transaction(async (tx) => {
    const member = await tx.membership.count({ where: { companyId: principal.companyId, user: { email } } });
    if (member > 0) throw new AppError("already_member", `${email} is already a member of this company.`);
    const saved = await tx.invitation.upsert({
      where: { companyId_email: { companyId: principal.companyId, email } },
      create: { companyId: principal.companyId, email, role, secretHash: hash, expiresAt, invitedById: principal.userId },
      update: { role, secretHash: hash, expiresAt, invitedById: principal.userId, createdAt: new Date() },
      select: VIEW,
    });
    await recordAudit(tx, principal.companyId, principal, resend ? "invitation.resend" : "invitation.create", { target: saved.id, detail: { email, role } });
    return saved;
  });
  const url = `${appOrigin()}${INVITE_PATH}/${secret}`;
  const emailed = await mailInvitation(principal, email, role, url);
  return { invitation: { ...toView(row), url }, emailed };
}

/** Sends a pending invitation again, with a new link (the old one stops working). */
export async function resendInvitation(principal: Principal, id: string) {
  requirePermission(principal, "members:manage");
  const found = await prisma.invitation.findFirst({ where: { id, companyId: principal.companyId }, select: { email: true, role: true } });
  if (!found) throw notFound("This invitation");
  return createInvitation(principal, { email: found.email, role: found.role as Role }, { resend: true });
}

/** The company's pending invitations, newest first (owners only). Expired ones are listed as such until revoked. */
export async function listInvitations(principal: Principal): Promise<InvitationView[]> {
  requirePermission(principal, "members:manage");
  const rows = await prisma.invitation.findMany({ where: { companyId: principal.companyId }, select: VIEW, orderBy: { createdAt: "desc" } });
  return rows.map(toView);
}

export async function revokeInvitation(principal: Principal, id: string): Promise<void> {
  requirePermission(principal, "members:manage");
  await prisma.$transaction(async (tx) => {
    const found = await tx.invitation.findFirst({ where: { id, companyId: principal.companyId }, select: { email: true } });
    if (!found) throw notFound("This invitation");
    await tx.invitation.delete({ where: { id } });
    await recordAudit(tx, principal.companyId, principal, "invitation.revoke", { target: id, detail: { email: found.email } });
  });
}

/** What the invitation page shows about a link: the company, the email and role, and whether that email has an account. */
export async function findInvitation(secret: string) {
  if (!secret || secret.length > 100) return null;
  const row = await prisma.invitation.findUnique({
    where: { secretHash: hashSecret(secret) },
    select: { email: true, role: true, expiresAt: true, company: { select: { name: true } }, invitedBy: { select: { name: true } } },
  });
  if (!row) return null;
  const account = await prisma.user.count({ where: { email: row.email } });
  return { email: row.email, role: row.role as Role, companyName: row.company.name, invitedBy: row.invitedBy?.name ?? null, expired: row.expiresAt <= new Date(), hasAccount: account > 0 };
}

export const newMemberSchema = z.object({ name: nameSchema, password: passwordSchema });

/**
 * Accepts an invitation, once: the link is deleted in the same transaction that adds the
 * membership. `as` is the signed-in user (whose email must be the invited one), or, for an
 * email without an account, the name and password of the new account. Returns who joined where.
 */
export async function acceptInvitation(
  secret: string,
  as: { userId: string } | z.output<typeof newMemberSchema>,
  ip?: string,
): Promise<{ userId: string; companyId: string }> {
  const passwordHash = "userId" in as ? null : await hashPassword(as.password);
  try {
    return await prisma.$transaction(async (tx) => {
      // Deleted as it is read: a second use of the link (or a race of two) finds nothing.
      const [invitation] = await tx.$queryRaw<{ id: string; companyId: string; email: string; role: string; expired: boolean }[]>`
        DELETE FROM "Invitation" WHERE "secretHash" = ${hashSecret(secret)}
        RETURNING "id", "companyId", "email", "role", "expiresAt" <= now() AS "expired"`;
      if (!invitation) throw new AppError("not_found", "This invitation link is not valid: it was used already, revoked, or replaced by a newer one.");
      if (invitation.expired) throw new AppError("invitation_expired", "This invitation has expired. Ask the company's owner to send a new one.");
      let userId: string;
      if ("userId" in as) {
        const user = await tx.user.findUnique({ where: { id: as.userId }, select: { email: true } });
        if (user?.email !== invitation.email) {
          throw new AppError("wrong_account", `This invitation is for ${invitation.email}. Sign in with that email to accept it.`);
        }
        userId = as.userId;
      } else {
        userId = (await tx.user.create({ data: { email: invitation.email, name: as.name, passwordHash: passwordHash! }, select: { id: true } })).id;
      }
      await tx.membership.create({ data: { userId, companyId: invitation.companyId, role: invitation.role } });
      await recordAudit(tx, invitation.companyId, { userId, ip }, "invitation.accept", { target: invitation.id, detail: { email: invitation.email, role: invitation.role } });
      return { userId, companyId: invitation.companyId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("already_member", "You are already a member of this company, or an account with this email exists (sign in to accept).");
    throw error;
  }
}
