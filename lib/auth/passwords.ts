import { recordAudit } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { z } from "zod";
import { AppError, invalidValue } from "@/lib/errors";
import { appOrigin, sendMail } from "@/lib/mail/mail";
import { hashSecret, newSecret } from "@/lib/secrets";
import { hashPassword, verifyPassword } from "./password";
import type { Principal } from "./permissions";
import type { changePasswordSchema } from "./schemas";
import { withinLimit } from "./throttle";

export const RESET_PATH = "/reset-password";
export const RESET_MINUTES = 60;
/** Reset e-mails per account and per address per hour; more are dropped silently (the answer stays the same). */
export const RESET_LIMITS = { account: 3, ip: 20 } as const;

/**
 * "Forgot password": e-mails a single-use link valid RESET_MINUTES minutes (or writes it to the
 * server log without SMTP). The caller always answers the same, whether or not the email has
 * an account, and whether or not the request was throttled.
 */
export async function requestPasswordReset(email: string, ip: string): Promise<void> {
  const within = await Promise.all([
    withinLimit(`reset:${email}`, RESET_LIMITS.account, 3600),
    withinLimit(`reset-ip:${ip}`, RESET_LIMITS.ip, 3600),
  ]);
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true } });
  if (!user || within.includes(false)) return;
  const { secret, hash } = newSecret();
  await prisma.passwordReset.create({ data: { userId: user.id, secretHash: hash, expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000) } });
  // Not awaited: an address with an account must not answer slower than one without.
  void sendMail({
    to: email,
    subject: "Reset your LeadRank password",
    text: `Hello ${user.name},\n\nOpen this link within ${RESET_MINUTES} minutes to choose a new password (it works once):\n${appOrigin()}${RESET_PATH}/${secret}\n\nIf you did not ask for this, ignore this e-mail: your password stays as it is.`,
  }).catch((error) => console.error("Could not send a password-reset e-mail:", error));
}

/** Whether a reset link can still be used (for the page, before the form). */
export async function resetLinkValid(secret: string): Promise<boolean> {
  if (!secret || secret.length > 100) return false;
  return (await prisma.passwordReset.count({ where: { secretHash: hashSecret(secret), expiresAt: { gt: new Date() } } })) > 0;
}

/** Sets the new password and ends every session of the account; every link of the account goes. */
async function setPassword(tx: Prisma.TransactionClient, userId: string, passwordHash: string, keepSessionId?: string) {
  await tx.user.update({ where: { id: userId }, data: { passwordHash } });
  await tx.authSession.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
  await tx.passwordReset.deleteMany({ where: { userId } });
}

/** Deletes every API token of the person, in every company; the number revoked per company. */
async function revokeAllTokens(tx: Prisma.TransactionClient, userId: string): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ companyId: string }[]>`DELETE FROM "ApiToken" WHERE "userId" = ${userId}::uuid RETURNING "companyId"`;
  const counts = new Map<string, number>();
  for (const { companyId } of rows) counts.set(companyId, (counts.get(companyId) ?? 0) + 1);
  return counts;
}

/** Uses a reset link, once: the new password is set, every session of the account ends and every API token of it is revoked. */
export async function resetPassword(secret: string, password: string, ip?: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    const [link] = await tx.$queryRaw<{ userId: string }[]>`
      DELETE FROM "PasswordReset" WHERE "secretHash" = ${hashSecret(secret)} AND "expiresAt" > now() RETURNING "userId"`;
    if (!link) throw new AppError("reset_invalid", "This link has expired or was used already. Ask for a new one.");
    await setPassword(tx, link.userId, passwordHash);
    // A reset is a sign the account may be in other hands: its API tokens go too, in every company.
    const revoked = await revokeAllTokens(tx, link.userId);
    for (const { companyId } of await tx.membership.findMany({ where: { userId: link.userId }, select: { companyId: true } })) {
      await recordAudit(tx, companyId, { userId: link.userId, ip }, "password.reset", { detail: { tokensRevoked: revoked.get(companyId) ?? 0 } });
    }
  });
}

/**
 * Changes the signed-in user's password (the current one is required); their other sessions
 * end, and with `revokeTokens` their API tokens in every company too. Returns how many went.
 */
export async function changePassword(
  principal: Principal & { sessionId?: string },
  { current, password, revokeTokens }: z.output<typeof changePasswordSchema>,
): Promise<{ tokensRevoked: number }> {
  if (principal.via !== "session") throw new AppError("forbidden", "Change the password in the app, signed in.");
  const user = await prisma.user.findUniqueOrThrow({ where: { id: principal.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(current, user.passwordHash))) throw invalidValue("current", "Your current password is not right.");
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    await setPassword(tx, principal.userId, passwordHash, principal.sessionId);
    const revoked = revokeTokens ? await revokeAllTokens(tx, principal.userId) : new Map<string, number>();
    const tokensRevoked = [...revoked.values()].reduce((a, b) => a + b, 0);
    await recordAudit(tx, principal.companyId, principal, "password.change", { detail: { tokensRevoked } });
    return { tokensRevoked };
  });
}
