import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { createModel, startFirstModel } from "@/lib/models/models";
import { processScoringJob, publishDraft } from "@/lib/models/scoring-jobs";

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
