import { addActivities } from "@/lib/activities/activities";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authenticate } from "@/lib/auth/accounts";
import { changePassword, requestPasswordReset, resetPassword } from "@/lib/auth/passwords";
import { verifyPassword } from "@/lib/auth/password";
import type { Principal } from "@/lib/auth/permissions";
import { sessionMembership, startSession, switchCompany } from "@/lib/auth/sessions";
import { auditQuery, listAudit } from "@/lib/audit/audit";
import { changePasswordSchema, forgotPasswordSchema, resetPasswordSchema } from "@/lib/auth/schemas";
import { companyTransaction, withConnection } from "@/lib/db/bulk";
import { prisma } from "@/lib/db/client";
import { bytesOf, testEmail } from "@/lib/db/test-helpers";
import { createImport } from "@/lib/imports/create-import";
import { processImport } from "@/lib/imports/process-import";
import { resetMailTransport } from "@/lib/mail/mail";
import { createModel } from "@/lib/models/models";
import { publishDraft } from "@/lib/models/publish";
import { setOutcome } from "@/lib/outcomes/set-outcome";
import { hashSecret } from "@/lib/secrets";
import { addMember, createTeam, TEST_PASSWORD } from "@/lib/test-factories";
import { createToken, createTokenSchema, listTokens, principalFromToken, revokeToken, TOKEN_RATE_LIMIT } from "@/lib/tokens/tokens";
import { acceptInvitation, createInvitation, createInvitationSchema, findInvitation, listInvitations, newMemberSchema, resendInvitation, revokeInvitation } from "./invitations";
import { createCompanyFor, deleteCompany, newCompanySchema } from "./companies";
import { changeRole, leaveCompany, listMembers, removeMember } from "./members";
import { activeVersion } from "@/lib/versions/active-version";

/** Runs `work` while another connection holds the company's write lock, as an import does for its whole run (lib/db/bulk.ts: companyTransaction). */
async function whileCompanyLocked(companyId: string, work: () => Promise<void>): Promise<void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const lockTaken = new Promise<void>((resolve) => (locked = resolve));
  const importing = withConnection((client) =>
    companyTransaction(client, companyId, async () => {
      locked();
      await held;
    }),
  );
  await lockTaken;
  try {
    await work();
  } finally {
    release();
    await importing;
  }
}

/** A real SMTP server on a loopback port, keeping every message it receives. */
const mails: { to: string; text: string }[] = [];
let smtp: SMTPServer;
beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let text = "";
      stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), text: text.replace(/=\r?\n/g, "") });
        callback();
      });
    },
  });
  smtp.listen(0, "127.0.0.1");
  await once(smtp.server, "listening");
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.MAIL_FROM = "LeadRank <leadrank@example.com>";
  resetMailTransport();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetMailTransport();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function mailTo(email: string): Promise<string> {
  await expect.poll(() => mails.some((m) => m.to === email), { timeout: 10_000 }).toBe(true);
  return mails.findLast((m) => m.to === email)!.text;
}
const linkIn = (text: string, path: string) => text.match(new RegExp(`https?://\\S+${path}/([\\w-]+)`))![1];

async function events(principal: Principal, action?: string) {
  return (await prisma.auditEvent.findMany({ where: { companyId: principal.companyId, ...(action ? { action } : {}) }, orderBy: { id: "asc" } }));
}

describe("memberships and the active company", () => {
  it("lets one person work in two companies, switch between them, and never into a third", async () => {
    const acme = await createTeam("Acme");
    const globex = await createTeam("Globex");
    const other = await createTeam("Initech");
    const person = await addMember(acme.companyId, "viewer");
    await prisma.membership.create({ data: { userId: person.userId, companyId: globex.companyId, role: "member" } });
    const sessionId = await startSession(person.userId, acme.companyId);
    expect(await sessionMembership(sessionId, person.userId)).toEqual({ companyId: acme.companyId, role: "viewer" });
    await switchCompany(sessionId, person.userId, globex.companyId);
    expect(await sessionMembership(sessionId, person.userId)).toEqual({ companyId: globex.companyId, role: "member" });
    await expect(switchCompany(sessionId, person.userId, other.companyId)).rejects.toMatchObject({ status: 404 });
    expect(await sessionMembership(sessionId, person.userId)).toEqual({ companyId: globex.companyId, role: "member" });
    // Another user's session is not theirs to use.
    expect(await sessionMembership(sessionId, acme.userId)).toBeNull();
  });

  it("lets a person create another company, which they own, with its first model", async () => {
    const viewer = await addMember((await createTeam()).companyId, "viewer");
    const companyId = await createCompanyFor(viewer.userId, newCompanySchema.parse({ companyName: "  Client Two  ", scoringModelId: "lifescience-3d-invitro" }));
    expect(await prisma.membership.findUnique({ where: { userId_companyId: { userId: viewer.userId, companyId } }, select: { role: true } })).toEqual({ role: "owner" });
    expect((await prisma.company.findUniqueOrThrow({ where: { id: companyId } })).name).toBe("Client Two");
    expect(await activeVersion(companyId)).toMatchObject({ version: 1 });
    expect(newCompanySchema.safeParse({ companyName: " " }).error?.issues[0]).toMatchObject({ path: ["companyName"], message: "Enter your company's name." });
    expect(await prisma.membership.count({ where: { userId: viewer.userId } })).toBe(2);
  });

  it("lists the members with their roles, to every role", async () => {
    const owner = await createTeam();
    const viewer = await addMember(owner.companyId, "viewer");
    const members = await listMembers(viewer);
    expect(members.map((m) => m.role).sort()).toEqual(["owner", "viewer"]);
  });
});

describe("roles", () => {
  it("a company always keeps an owner, even when two owners demote each other at once", async () => {
    const owner = await createTeam();
    await expect(changeRole(owner, owner.userId, "member")).rejects.toMatchObject({ code: "last_owner", status: 409 });
    await expect(removeMember(owner, owner.userId)).rejects.toMatchObject({ code: "last_owner" });
    await expect(leaveCompany(owner)).rejects.toMatchObject({ code: "last_owner" });
    const second = await addMember(owner.companyId, "owner");
    const results = await Promise.allSettled([changeRole(owner, second.userId, "viewer"), changeRole(second, owner.userId, "viewer")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.membership.count({ where: { companyId: owner.companyId, role: "owner" } })).toBe(1);
    // The refused change wrote no audit event: the event is in the change's transaction.
    expect(await events(owner, "member.role")).toHaveLength(1);
  });

  // The embedded database has one session for every connection, so a transaction held open
  // there stops everything; the lock's independence from imports is a PostgreSQL matter.
  it.skipIf(inject("databaseKind") !== "postgres")("changes roles while an import holds the company's write lock", async () => {
    const owner = await createTeam();
    const member = await addMember(owner.companyId, "member");
    await whileCompanyLocked(owner.companyId, async () => {
      const started = performance.now();
      await changeRole(owner, member.userId, "viewer");
      expect(performance.now() - started).toBeLessThan(2000);
    });
    expect(await prisma.membership.findUnique({ where: { userId_companyId: { userId: member.userId, companyId: owner.companyId } }, select: { role: true } })).toEqual({ role: "viewer" });
  });

  it("refuses members and viewers what only owners may do, on the server", async () => {
    const owner = await createTeam();
    const member = await addMember(owner.companyId, "member");
    const viewer = await addMember(owner.companyId, "viewer");
    await expect(changeRole(member, viewer.userId, "owner")).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(removeMember(member, viewer.userId)).rejects.toMatchObject({ status: 403 });
    await expect(createInvitation(member, { email: "x@example.com", role: "owner" })).rejects.toMatchObject({ status: 403 });
    await expect(deleteCompany(member, "Team Co")).rejects.toMatchObject({ status: 403 });
    await expect(createToken(viewer, { name: "script" })).rejects.toMatchObject({ status: 403 });
    expect((await prisma.membership.findMany({ where: { companyId: owner.companyId } })).map((m) => m.role).sort()).toEqual(["member", "owner", "viewer"]);
  });
});

describe("invitations", () => {
  it("are e-mailed with a working single-use link that makes a new account", async () => {
    const owner = await createTeam("Invite Co");
    const email = testEmail("new.person");
    const { invitation, emailed } = await createInvitation(owner, createInvitationSchema.parse({ email: `  ${email.toUpperCase()} `, role: "member" }));
    expect(emailed).toBe(true);
    expect(invitation).toMatchObject({ email, role: "member" });
    expect(new Date(invitation.expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    const secret = linkIn(await mailTo(email), "/invite");
    expect(invitation.url.endsWith(`/invite/${secret}`)).toBe(true);
    // Only the hash is stored.
    expect(await prisma.invitation.count({ where: { secretHash: secret } })).toBe(0);
    expect(await prisma.invitation.count({ where: { secretHash: hashSecret(secret) } })).toBe(1);
    expect(await findInvitation(secret)).toMatchObject({ companyName: "Invite Co", role: "member", hasAccount: false, expired: false });

    expect(newMemberSchema.safeParse({ name: "New Person", password: "short" }).error?.issues[0].path).toEqual(["password"]);
    const joined = await acceptInvitation(secret, { name: "New Person", password: TEST_PASSWORD }, "10.9.9.9");
    expect(joined.companyId).toBe(owner.companyId);
    expect(await authenticate(email, TEST_PASSWORD, "10.9.9.9")).toMatchObject({ companyId: owner.companyId });
    await expect(acceptInvitation(secret, { name: "Again", password: TEST_PASSWORD })).rejects.toMatchObject({ code: "not_found" });
    expect(await listInvitations(owner)).toEqual([]);
    expect((await events(owner, "invitation.accept"))[0]).toMatchObject({ actorEmail: email, ip: "10.9.9.9" });
  });

  it("expire after 7 days, and revoking or resending ends the earlier link", async () => {
    const owner = await createTeam();
    const first = await createInvitation(owner, { email: "late@example.com", role: "viewer" });
    const secret = first.invitation.url.split("/").at(-1)!;
    await prisma.invitation.update({ where: { id: first.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(acceptInvitation(secret, { name: "Late", password: TEST_PASSWORD })).rejects.toMatchObject({ code: "invitation_expired", status: 410 });
    expect(await prisma.user.count({ where: { email: "late@example.com" } })).toBe(0);

    const resent = await resendInvitation(owner, first.invitation.id);
    const newSecret = resent.invitation.url.split("/").at(-1)!;
    expect(newSecret).not.toBe(secret);
    await expect(acceptInvitation(secret, { name: "Late", password: TEST_PASSWORD })).rejects.toMatchObject({ code: "not_found" });
    await revokeInvitation(owner, resent.invitation.id);
    await expect(acceptInvitation(newSecret, { name: "Late", password: TEST_PASSWORD })).rejects.toMatchObject({ code: "not_found" });
  });

  it("join an existing account only when signed in with the invited email", async () => {
    const owner = await createTeam();
    const elsewhere = await createTeam("Elsewhere");
    const invited = await addMember(elsewhere.companyId, "owner", `invited-${Date.now()}@example.com`);
    const { invitation } = await createInvitation(owner, { email: (await prisma.user.findUniqueOrThrow({ where: { id: invited.userId } })).email, role: "viewer" });
    const secret = invitation.url.split("/").at(-1)!;
    expect(await findInvitation(secret)).toMatchObject({ hasAccount: true });
    await expect(acceptInvitation(secret, { userId: elsewhere.userId })).rejects.toMatchObject({ code: "wrong_account", status: 403 });
    await acceptInvitation(secret, { userId: invited.userId });
    expect(await prisma.membership.findMany({ where: { userId: invited.userId }, select: { role: true } })).toHaveLength(2);
    expect(createInvitationSchema.safeParse({ email: "x", role: "viewer" }).error?.issues[0].path).toEqual(["email"]);
    await expect(createInvitation(owner, { email: (await prisma.user.findUniqueOrThrow({ where: { id: invited.userId } })).email, role: "viewer" })).rejects.toMatchObject({ code: "already_member" });
  });
});

describe("API tokens", () => {
  it("are shown once, stored as a hash, limited to the creator's role, and stop at once when revoked or expired", async () => {
    const owner = await createTeam();
    const member = await addMember(owner.companyId, "member");
    await expect(createToken(member, { name: "too strong", role: "owner" })).rejects.toMatchObject({ status: 403 });
    const token = await createToken(member, { name: "nightly sync" });
    expect(token.secret).toMatch(/^lr_[\w-]{43}$/);
    expect(token.role).toBe("member");
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.secretHash).toBe(hashSecret(token.secret));
    expect(JSON.stringify(row)).not.toContain(token.secret);
    expect(JSON.stringify(await listTokens(member))).not.toContain(token.secret);

    const check = await principalFromToken(token.secret, "10.1.1.1");
    expect(check).toEqual({ principal: { userId: member.userId, companyId: owner.companyId, role: "member", via: "token", tokenId: token.id, ip: "10.1.1.1" } });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).not.toBeNull();
    expect(await principalFromToken(`${token.secret}x`)).toEqual({ error: "invalid" });

    // A member sees and revokes only their own; an owner sees and revokes everyone's.
    const ownersToken = await createToken(owner, { name: "owner's", role: "viewer" });
    expect((await listTokens(member)).map((t) => t.id)).toEqual([token.id]);
    expect((await listTokens(owner)).map((t) => t.id).sort()).toEqual([token.id, ownersToken.id].sort());
    await expect(revokeToken(member, ownersToken.id)).rejects.toMatchObject({ status: 404 });
    await revokeToken(owner, token.id);
    expect(await principalFromToken(token.secret)).toEqual({ error: "invalid" });

    const expiring = await createToken(owner, { name: "soon", expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect("principal" in (await principalFromToken(expiring.secret))).toBe(true);
    await prisma.apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await principalFromToken(expiring.secret)).toEqual({ error: "invalid" });
    expect(createTokenSchema.safeParse({ name: "past", expiresAt: "2020-01-01T00:00:00Z" }).error?.issues[0]).toMatchObject({ path: ["expiresAt"], message: "The expiry date must be in the future." });
    expect((await events(owner)).map((e) => e.action)).toEqual(["token.create", "token.create", "token.revoke", "token.create"]);
  });

  it(`allow ${TOKEN_RATE_LIMIT} requests a minute, then say when to come back`, async () => {
    const owner = await createTeam();
    const token = await createToken(owner, { name: "busy" });
    await prisma.apiToken.update({ where: { id: token.id }, data: { windowCount: TOKEN_RATE_LIMIT - 1, windowStart: new Date(Date.now() - 20_000) } });
    expect("principal" in (await principalFromToken(token.secret))).toBe(true);
    const limited = await principalFromToken(token.secret);
    expect(limited).toMatchObject({ error: "rate_limited" });
    expect((limited as { retryAfter: number }).retryAfter).toBeGreaterThanOrEqual(39);
    expect((limited as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(41);
    // A new minute starts a new count.
    await prisma.apiToken.update({ where: { id: token.id }, data: { windowStart: new Date(Date.now() - 61_000) } });
    expect("principal" in (await principalFromToken(token.secret))).toBe(true);
  });

  it("follow their creator: a demoted creator's token does less, a removed member's sessions and tokens stop at once", async () => {
    const owner = await createTeam();
    const second = await addMember(owner.companyId, "owner");
    const token = await createToken(second, { name: "admin script" });
    expect(await changeRole(owner, second.userId, "viewer")).toMatchObject({ id: second.userId, role: "viewer" });
    expect(await principalFromToken(token.secret)).toMatchObject({ principal: { role: "viewer" } });
    const sessionId = await startSession(second.userId, owner.companyId);
    expect(await sessionMembership(sessionId, second.userId)).not.toBeNull();
    await removeMember(owner, second.userId);
    expect(await principalFromToken(token.secret)).toEqual({ error: "invalid" });
    expect(await sessionMembership(sessionId, second.userId)).toBeNull();
    // In no company any more, the account is gone too.
    expect(await prisma.user.count({ where: { id: second.userId } })).toBe(0);
  });

  it("a member removed from one company keeps the other: their session moves there", async () => {
    const owner = await createTeam();
    const elsewhere = await createTeam("Elsewhere");
    const person = await addMember(owner.companyId, "member");
    await prisma.membership.create({ data: { userId: person.userId, companyId: elsewhere.companyId, role: "viewer" } });
    const sessionId = await startSession(person.userId, owner.companyId);
    await removeMember(owner, person.userId);
    expect(await sessionMembership(sessionId, person.userId)).toEqual({ companyId: elsewhere.companyId, role: "viewer" });
  });
});

describe("the audit log", () => {
  it("records who did what from where, in the transaction of the change; a failed change records nothing", async () => {
    const owner = await createTeam();
    const member = { ...(await addMember(owner.companyId, "member")), ip: "192.0.2.7" };
    const id = await createImport({ companyId: owner.companyId, userId: member.userId, actor: member, fileName: "crm.csv", source: bytesOf("Email\na@x.example\nb@x.example\n") });
    await processImport(id);
    const leads = await prisma.lead.findMany({ where: { companyId: owner.companyId }, select: { id: true } });
    await setOutcome(owner.companyId, leads.map((l) => l.id), "won", member);
    await setOutcome(owner.companyId, leads.map((l) => l.id), "won", member); // nothing changes, nothing recorded
    const model = await createModel(owner.companyId, { name: "Mine", from: "b2b-saas" }, owner);
    await publishDraft(owner.companyId, owner, model.id);
    await expect(publishDraft(owner.companyId, owner, model.id)).rejects.toMatchObject({ code: "no_draft" });

    const log = await listAudit(owner.companyId, auditQuery.parse({}));
    expect(log.events.map((e) => e.action)).toEqual(["model.publish", "model.create", "outcome.set", "import.create"]);
    expect(log.events[1]).toMatchObject({ user: { id: owner.userId }, target: model.id, detail: { name: "Mine", from: "b2b-saas" } });
    expect(log.events[3]).toMatchObject({ user: { id: member.userId }, ip: "192.0.2.7", target: id, detail: { fileName: "crm.csv" } });
    expect(log.events[2].detail).toEqual({ outcome: "won", leads: 2 });
    expect((await listAudit(owner.companyId, auditQuery.parse({ action: "outcome.set" }))).events).toHaveLength(1);
    const email = (await prisma.user.findUniqueOrThrow({ where: { id: member.userId } })).email;
    expect((await listAudit(owner.companyId, auditQuery.parse({ user: email.toUpperCase() }))).total).toBe(2);
    expect(auditQuery.safeParse({ action: "nonsense" }).success).toBe(false);
  });
});

describe("passwords", () => {
  it("a reset link arrives by e-mail, works once within the hour, ends every session and revokes every token", async () => {
    const owner = await createTeam();
    const email = (await prisma.user.findUniqueOrThrow({ where: { id: owner.userId } })).email;
    const sessionId = await startSession(owner.userId, owner.companyId);
    // The same person's token in a second company goes too; another person's token stays.
    const second = await createTeam("Second Co");
    await prisma.membership.create({ data: { userId: owner.userId, companyId: second.companyId, role: "member" } });
    const tokens = [await createToken(owner, { name: "sync" }), await createToken({ ...owner, companyId: second.companyId, role: "member" }, { name: "elsewhere" })];
    const someoneElse = await createToken(second, { name: "theirs" });
    // As the form sends it: the address as typed, read by the schema.
    await requestPasswordReset(forgotPasswordSchema.parse({ email: email.toUpperCase() }).email, "10.2.2.2");
    const secret = linkIn(await mailTo(email), "/reset-password");
    expect(resetPasswordSchema.safeParse({ secret, password: "short" }).error?.issues[0].path).toEqual(["password"]);
    await resetPassword(secret, "a brand new passphrase");
    expect(await verifyPassword("a brand new passphrase", (await prisma.user.findUniqueOrThrow({ where: { id: owner.userId } })).passwordHash)).toBe(true);
    expect(await sessionMembership(sessionId, owner.userId)).toBeNull();
    for (const token of tokens) expect(await principalFromToken(token.secret, "10.1.1.1")).toMatchObject({ error: "invalid" });
    expect(await principalFromToken(someoneElse.secret, "10.1.1.1")).toHaveProperty("principal");
    expect((await events(owner, "password.reset"))[0].detail).toEqual({ tokensRevoked: 1 });
    await expect(resetPassword(secret, "another new passphrase")).rejects.toMatchObject({ code: "reset_invalid" });

    // An unknown email gets the same (silent) answer and no mail.
    const before = mails.length;
    await expect(requestPasswordReset("nobody-here@example.com", "10.2.2.2")).resolves.toBeUndefined();
    // An expired link does not work.
    await requestPasswordReset(email, "10.2.2.3");
    const late = linkIn(await mailTo(email), "/reset-password");
    await prisma.passwordReset.updateMany({ where: { userId: owner.userId }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expect(resetPassword(late, "another new passphrase")).rejects.toMatchObject({ status: 410 });
    expect(mails.slice(before).some((m) => m.to === "nobody-here@example.com")).toBe(false);
  });

  it("sends at most 3 reset mails an hour to one account", async () => {
    const owner = await createTeam();
    const email = (await prisma.user.findUniqueOrThrow({ where: { id: owner.userId } })).email;
    for (let i = 0; i < 5; i++) await requestPasswordReset(email, `10.3.3.${i}`);
    await expect.poll(() => mails.filter((m) => m.to === email).length).toBe(3);
    expect(await prisma.passwordReset.count({ where: { userId: owner.userId } })).toBe(3);
  });

  it("changing the password needs the current one and ends the other sessions", async () => {
    const owner = await createTeam();
    const mine = await startSession(owner.userId, owner.companyId);
    const other = await startSession(owner.userId, owner.companyId);
    const principal = { ...owner, sessionId: mine };
    const change = (current: string, password: string, revokeTokens?: "on") => changePassword(principal, changePasswordSchema.parse({ current, password, revokeTokens }));
    await expect(change("not it at all", "a brand new passphrase")).rejects.toMatchObject({ code: "invalid_request", status: 422, details: { issues: [{ path: "current", message: "Your current password is not right." }] } });
    expect(changePasswordSchema.safeParse({ current: TEST_PASSWORD, password: "password1234" }).error?.issues[0].path).toEqual(["password"]);
    const token = await createToken(owner, { name: "kept" });
    await change(TEST_PASSWORD, "a brand new passphrase");
    expect(await sessionMembership(mine, owner.userId)).not.toBeNull();
    expect(await sessionMembership(other, owner.userId)).toBeNull();
    expect(await events(owner, "password.change")).toHaveLength(1);
    // Tokens stay unless the person asks for them to go.
    expect(await principalFromToken(token.secret, "10.1.1.1")).toHaveProperty("principal");
    expect(await change("a brand new passphrase", "another new passphrase", "on")).toEqual({ tokensRevoked: 1 });
    expect(await principalFromToken(token.secret, "10.1.1.1")).toMatchObject({ error: "invalid" });
  });
});

describe("deleting a company", () => {
  it.skipIf(inject("databaseKind") !== "postgres")("says to wait while an import runs, and deletes nothing", async () => {
    const owner = await createTeam("Busy Co");
    await whileCompanyLocked(owner.companyId, async () => {
      await expect(deleteCompany(owner, "Busy Co")).rejects.toMatchObject({ code: "company_busy", status: 409 });
    });
    expect(await prisma.company.count({ where: { id: owner.companyId } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "company.delete", target: owner.companyId } })).toBe(0);
    await deleteCompany(owner, "Busy Co");
    expect(await prisma.company.count({ where: { id: owner.companyId } })).toBe(0);
  });

  it("needs its name typed, removes every row of it, and keeps its members' other companies", async () => {
    const owner = await createTeam("Doomed Co");
    const elsewhere = await createTeam("Survivor Co");
    const both = await addMember(owner.companyId, "member");
    await prisma.membership.create({ data: { userId: both.userId, companyId: elsewhere.companyId, role: "viewer" } });
    const bothSession = await startSession(both.userId, owner.companyId);
    const id = await createImport({ companyId: owner.companyId, userId: owner.userId, fileName: "x.csv", source: bytesOf("Email,Job Title\na@x.example,CEO\nbad,CTO\n") });
    await processImport(id);
    await createToken(owner, { name: "t" });
    await createInvitation(owner, { email: "pending@example.com", role: "viewer" });
    const model = await createModel(owner.companyId, { name: "M", from: "b2b-saas" });
    await publishDraft(owner.companyId, owner, model.id);
    await addActivities(owner.companyId, owner, [{ email: "a@x.example", type: "Demo requested", occurredAt: new Date().toISOString() }]);

    await expect(deleteCompany(owner, "Doomed")).rejects.toMatchObject({ code: "invalid_request", status: 422, details: { issues: [{ path: "confirmName" }] } });
    expect(await prisma.company.count({ where: { id: owner.companyId } })).toBe(1);
    await deleteCompany(owner, "Doomed Co");

    // Every table with a company column, found from the catalogue so a new table is covered too.
    const tables = await prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'companyId'`;
    expect(tables.length).toBeGreaterThanOrEqual(15);
    for (const { table_name } of tables) {
      const [{ count }] = await prisma.$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM "${table_name}" WHERE "companyId" = $1::uuid`, owner.companyId);
      expect(count, table_name).toBe(0);
    }
    for (const table of ["ImportFile", "ImportRejection", "ImportChange"]) {
      const [{ count }] = await prisma.$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM "${table}" WHERE "importId" = $1::uuid`, id);
      expect(count, table).toBe(0);
    }
    // The owner had no other company: the account went. The member keeps the other one, and their session moved there.
    expect(await prisma.user.count({ where: { id: owner.userId } })).toBe(0);
    expect(await prisma.membership.findMany({ where: { userId: both.userId }, select: { companyId: true } })).toEqual([{ companyId: elsewhere.companyId }]);
    expect(await sessionMembership(bothSession, both.userId)).toEqual({ companyId: elsewhere.companyId, role: "viewer" });
    // The deletion itself is recorded without a company.
    expect(await prisma.auditEvent.count({ where: { companyId: null, action: "company.delete", target: owner.companyId } })).toBe(1);
  });
});
