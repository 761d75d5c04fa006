import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { Principal, Role } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { createModel, startFirstModel } from "@/lib/models/models";
import { publishDraft } from "@/lib/models/publish";
import { processScoringJob } from "@/lib/models/rescore-job";

/** A company as sign-up leaves it: with its first model (a template as version 1) active. */
export async function createCompany(data: Prisma.CompanyCreateInput, template = "b2b-saas") {
  return prisma.$transaction(async (tx) => {
    const company = await tx.company.create({ data });
    await startFirstModel(tx, company.id, template);
    return company;
  });
}

/** Publishes a new model made from a template and runs its re-score now (not through the queue). */
export async function switchToTemplate(companyId: string, template: string) {
  const model = await createModel(companyId, { name: template, from: template });
  const published = await publishDraft(companyId, null, model.id);
  await processScoringJob(published.job.id);
  return { modelId: model.id, jobId: published.job.id };
}

/** A person with an account, a member of the company with the given role; returns their principal as a signed-in session would. */
export async function addMember(companyId: string, role: Role, email = `${role}-${randomUUID().slice(0, 8)}@example.com`): Promise<Principal> {
  const user = await prisma.user.create({
    data: { email, name: `${role[0].toUpperCase()}${role.slice(1)} ${email.split("@")[0]}`, passwordHash: await (testPasswordHash ??= hashPassword(TEST_PASSWORD)), memberships: { create: { companyId, role } } },
    select: { id: true },
  });
  return { userId: user.id, companyId, role, via: "session" };
}

export const TEST_PASSWORD = "a long test passphrase";
/** Hashed once: bcrypt at cost 12 takes a quarter of a second, and every member has the same password. */
let testPasswordHash: Promise<string> | undefined;

/** A company with an owner; returns the owner's principal. */
export async function createTeam(name = "Team Co"): Promise<Principal> {
  const company = await createCompany({ name });
  return addMember(company.id, "owner");
}
