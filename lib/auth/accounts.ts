import { cache } from "react";
import { recordAudit } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { startFirstModel } from "@/lib/models/models";
import { hashPassword, verifyPassword } from "./password";
import type { Principal } from "./permissions";
import { signUpSchema, type SignUpInput } from "./schemas";
import { startSession } from "./sessions";
import { clearAccountFailures, describeWait, recordFailure, throttleWait } from "./throttle";

export type Tenant = { userId: string; companyId: string };

/**
 * Opens a company in `tx` with `ownerId` as its owner and its first scoring model (the chosen
 * template as version 1), recorded in the audit log; returns its id. For a new account and for
 * another company of someone signed in (lib/teams/companies.ts).
 */
export async function openCompany(tx: Prisma.TransactionClient, ownerId: string, { companyName, scoringModelId }: { companyName: string; scoringModelId: string }): Promise<string> {
  const company = await tx.company.create({ data: { name: companyName, memberships: { create: { userId: ownerId, role: "owner" } } }, select: { id: true } });
  await startFirstModel(tx, company.id, scoringModelId);
  await recordAudit(tx, company.id, { userId: ownerId }, "company.create", { target: company.id, detail: { name: companyName, template: scoringModelId } });
  return company.id;
}

/**
 * Creates a company, its owner and its first scoring model (the chosen template as version 1)
 * together: either all exist afterwards or none.
 */
export async function createAccount(input: SignUpInput): Promise<Tenant> {
  const { companyName, name, email, password, scoringModelId } = signUpSchema.parse(input);
  const passwordHash = await hashPassword(password);
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { name, email, passwordHash }, select: { id: true } });
      return { userId: user.id, companyId: await openCompany(tx, user.id, { companyName, scoringModelId }) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = "An account with this email already exists. Sign in instead.";
      throw new AppError("email_taken", message, { issues: [{ path: "email", message }] });
    }
    throw error;
  }
}

export class ThrottledError extends AppError {
  constructor(readonly waitSeconds: number) {
    super("too_many_attempts", describeWait(waitSeconds), { retryAfter: waitSeconds });
  }
}

/**
 * Checks an email and password. Unknown email and wrong password give the same answer
 * (null) after the same bcrypt work; failures count against the account and the address.
 * Signed in, the user gets a session in the company they joined last (switchable in the
 * header), and the sign-in is written to that company's audit log in the same transaction.
 */
export async function authenticate(email: string, password: string, ip: string): Promise<(Tenant & { sessionId: string }) | null> {
  const keys = { email, ip };
  const wait = await throttleWait(keys);
  if (wait > 0) throw new ThrottledError(wait);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, memberships: { select: { companyId: true }, orderBy: { createdAt: "desc" }, take: 1 } },
  });
  if (!(await verifyPassword(password, user?.passwordHash)) || !user || user.memberships.length === 0) {
    await recordFailure(keys);
    return null;
  }
  await clearAccountFailures(email);
  const companyId = user.memberships[0].companyId;
  const sessionId = await prisma.$transaction(async (tx) => {
    await recordAudit(tx, companyId, { userId: user.id, ip }, "sign_in");
    return startSession(user.id, companyId, tx);
  });
  return { userId: user.id, companyId, sessionId };
}

/**
 * What the app shell shows about the signed-in user: name, email, the active company and the
 * others they belong to. Read once per request: the layout and the page both ask for it.
 */
export function getAccount({ userId, companyId }: Pick<Principal, "userId" | "companyId">) {
  return accountOf(userId, companyId);
}

const accountOf = cache(async (userId: string, companyId: string) => {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      name: true,
      email: true,
      memberships: { select: { role: true, company: { select: { id: true, name: true } } }, orderBy: { company: { name: "asc" } } },
    },
  });
  const company = user?.memberships.find((m) => m.company.id === companyId)?.company;
  if (!user || !company) return null;
  return { name: user.name, email: user.email, company, companies: user.memberships.map((m) => ({ ...m.company, role: m.role })) };
});
