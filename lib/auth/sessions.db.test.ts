import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { testEmail } from "@/lib/db/test-helpers";
import { createAccount } from "./accounts";
import { endSession, sessionMembership, startSession } from "./sessions";

describe("signed-in sessions", () => {
  it("are open from sign-in until sign-out, for their own user only", async () => {
    const { userId, companyId } = await createAccount({ companyName: "S Co", name: "Sam", email: testEmail("sess"), password: "long enough passphrase" });
    const other = await createAccount({ companyName: "T Co", name: "Tim", email: testEmail("sess2"), password: "long enough passphrase" });
    const sessionId = await startSession(userId, companyId);
    expect(await sessionMembership(sessionId, userId)).toEqual({ companyId, role: "owner" });
    expect(await sessionMembership(sessionId, other.userId)).toBeNull();
    expect(await sessionMembership(undefined, userId)).toBeNull();
    await endSession(sessionId);
    expect(await sessionMembership(sessionId, userId)).toBeNull();
  });

  it("close when they expire", async () => {
    const { userId, companyId } = await createAccount({ companyName: "E Co", name: "Eve", email: testEmail("exp"), password: "long enough passphrase" });
    const sessionId = await startSession(userId, companyId);
    await prisma.authSession.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await sessionMembership(sessionId, userId)).toBeNull();
    // The next sign-in clears it away.
    await startSession(userId, companyId);
    expect(await prisma.authSession.count({ where: { id: sessionId } })).toBe(0);
  });
});
