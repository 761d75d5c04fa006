import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { testEmail } from "@/lib/db/test-helpers";
import { AppError } from "@/lib/errors";
import { authenticate, createAccount, ThrottledError } from "./accounts";
import { THROTTLE_LIMITS, THROTTLE_WINDOW_SECONDS, throttleWait } from "./throttle";
import { activeVersion } from "@/lib/versions/active-version";

const PASSWORD = "long enough passphrase";

async function signUp(label: string) {
  const email = testEmail(label);
  const tenant = await createAccount({ companyName: `${label} Inc`, name: "Owner", email, password: PASSWORD });
  return { ...tenant, email };
}

describe("sign-up", () => {
  it("creates the company and its owner, with a normalised email and a bcrypt hash of cost 12", async () => {
    const email = testEmail("Mixed.Case");
    const { userId, companyId } = await createAccount({ companyName: " Acme ", name: "Ada", email: `  ${email.toUpperCase()} `, password: PASSWORD });
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: { include: { company: true } } } });
    expect(user.memberships).toMatchObject([{ companyId, role: "owner", company: { name: "Acme" } }]);
    expect(user.email).toBe(email.toLowerCase());
    expect(user.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(await activeVersion(companyId)).toMatchObject({ version: 1, label: "B2B SaaS v1" });
  });

  it("scores with the preset chosen at sign-up, and refuses a model that does not exist", async () => {
    const { companyId } = await createAccount({ companyName: "Lab", name: "Lee", email: testEmail("lab"), password: PASSWORD, scoringModelId: "lifescience-3d-invitro" });
    expect(await activeVersion(companyId)).toMatchObject({ version: 1, label: "Life-science 3D in-vitro v1" });
    const email = testEmail("nomodel");
    await expect(createAccount({ companyName: "X", name: "X", email, password: PASSWORD, scoringModelId: "astrology" })).rejects.toThrow(/Choose one of the scoring models/);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    expect(await prisma.company.count({ where: { name: "X", memberships: { none: {} } } })).toBe(0);
  });

  it("refuses a second account with the same email, in any case, and creates no company for it", async () => {
    const { email } = await signUp("taken");
    const companyName = `Second ${email}`;
    const attempt = createAccount({ companyName, name: "Other", email: email.toUpperCase(), password: PASSWORD });
    await expect(attempt).rejects.toThrow(AppError);
    await expect(attempt).rejects.toThrow(/already exists/);
    expect(await prisma.company.count({ where: { name: companyName } })).toBe(0);
  });

  it("refuses passwords that break the rules before anything is written", async () => {
    const email = testEmail("weak");
    await expect(createAccount({ companyName: "Weak", name: "W", email, password: "password1234" })).rejects.toThrow(/too common/);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });
});

describe("sign-in", () => {
  it("accepts the right password and gives the same refusal for a wrong password and an unknown email", async () => {
    const account = await signUp("login");
    await expect(authenticate(account.email, PASSWORD, "10.0.0.1")).resolves.toEqual({
      userId: account.userId,
      companyId: account.companyId,
      sessionId: expect.any(String),
    });
    await expect(authenticate(account.email, "wrong password here", "10.0.0.1")).resolves.toBeNull();
    await expect(authenticate(testEmail("nobody"), PASSWORD, "10.0.0.1")).resolves.toBeNull();
  });

  it("takes about as long for an unknown email as for a wrong password", async () => {
    const account = await signUp("timing");
    const time = async (email: string) => {
      const start = performance.now();
      await authenticate(email, "wrong password here", `10.1.${Math.floor(Math.random() * 250)}.1`);
      return performance.now() - start;
    };
    const wrongPassword = await time(account.email);
    const unknownEmail = await time(testEmail("ghost"));
    // Both pay for one bcrypt comparison of cost 12 (hundreds of milliseconds).
    expect(unknownEmail).toBeGreaterThan(wrongPassword * 0.5);
    expect(unknownEmail).toBeLessThan(wrongPassword * 2);
  });

  it(`locks an account after ${THROTTLE_LIMITS.account} failures, from any address, even with the right password`, async () => {
    const account = await signUp("locked");
    for (let i = 0; i < THROTTLE_LIMITS.account; i++) {
      await expect(authenticate(account.email, "wrong password here", `10.2.0.${i}`)).resolves.toBeNull();
    }
    const attempt = authenticate(account.email, PASSWORD, "10.2.1.1");
    await expect(attempt).rejects.toBeInstanceOf(ThrottledError);
    await expect(attempt).rejects.toThrow(/Try again in 15 minutes/);
    const wait = await throttleWait({ email: account.email, ip: "10.2.1.1" });
    expect(wait).toBeGreaterThan(THROTTLE_WINDOW_SECONDS - 60);
    expect(wait).toBeLessThanOrEqual(THROTTLE_WINDOW_SECONDS);
  });

  it("lets the account in again once the window has passed, and a success clears its counter", async () => {
    const account = await signUp("expired");
    for (let i = 0; i < THROTTLE_LIMITS.account; i++) await authenticate(account.email, "wrong password here", "10.3.0.1");
    await prisma.loginThrottle.updateMany({
      where: { key: `account:${account.email}` },
      data: { windowStart: new Date(Date.now() - (THROTTLE_WINDOW_SECONDS + 1) * 1000) },
    });
    await expect(authenticate(account.email, PASSWORD, "10.3.0.2")).resolves.not.toBeNull();
    expect(await prisma.loginThrottle.count({ where: { key: `account:${account.email}` } })).toBe(0);
  });

  it(`blocks an address after ${THROTTLE_LIMITS.ip} failures across accounts`, async () => {
    const account = await signUp("sprayed");
    const ip = `10.4.${Math.floor(Math.random() * 250)}.9`;
    await prisma.loginThrottle.create({ data: { key: `ip:${ip}`, failures: THROTTLE_LIMITS.ip - 1, windowStart: new Date() } });
    await expect(authenticate(testEmail("spray"), PASSWORD, ip)).resolves.toBeNull();
    await expect(authenticate(account.email, PASSWORD, ip)).rejects.toBeInstanceOf(ThrottledError);
    await expect(authenticate(account.email, PASSWORD, "10.4.255.1")).resolves.not.toBeNull();
  });
});
