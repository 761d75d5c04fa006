import { prisma } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { startFirstModel } from "@/lib/models/models";
import { hashPassword, verifyPassword } from "./password";
import { signUpSchema, type SignUpInput } from "./schemas";
import { clearAccountFailures, describeWait, recordFailure, throttleWait } from "./throttle";

export type Tenant = { userId: string; companyId: string };

/**
 * Creates a company, its owner and its first scoring model (the chosen template as version 1)
 * together: either all exist afterwards or none.
 */
export async function createAccount(input: SignUpInput): Promise<Tenant> {
  const { companyName, name, email, password, scoringModelId } = signUpSchema.parse(input);
  const passwordHash = await hashPassword(password);
  try {
    return await prisma.$transaction(async (tx) => {
      const company = await tx.company.create({
        data: { name: companyName, users: { create: { name, email, passwordHash } } },
        select: { id: true, users: { select: { id: true } } },
      });
      await startFirstModel(tx, company.id, scoringModelId);
      return { userId: company.users[0].id, companyId: company.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("email_taken", "An account with this email already exists. Sign in instead.", 409);
    }
    throw error;
  }
}

export class ThrottledError extends AppError {
  constructor(readonly waitSeconds: number) {
    super("too_many_attempts", describeWait(waitSeconds), 429);
  }
}

/**
 * Checks an email and password. Unknown email and wrong password give the same answer
 * (null) after the same bcrypt work; failures count against the account and the address.
 */
export async function authenticate(email: string, password: string, ip: string): Promise<Tenant | null> {
  const keys = { email, ip };
  const wait = await throttleWait(keys);
  if (wait > 0) throw new ThrottledError(wait);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, companyId: true, passwordHash: true },
  });
  if (!(await verifyPassword(password, user?.passwordHash)) || !user) {
    await recordFailure(keys);
    return null;
  }
  await clearAccountFailures(email);
  return { userId: user.id, companyId: user.companyId };
}

/** What the app shell shows about the signed-in user. */
export async function getAccount({ userId, companyId }: Tenant) {
  return prisma.user.findFirst({
    where: { id: userId, companyId },
    select: { name: true, email: true, company: { select: { name: true } } },
  });
}
