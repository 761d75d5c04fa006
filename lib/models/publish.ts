import { recordAudit, type Actor } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { liveProgress } from "@/lib/jobs/progress";
import { enqueueJob } from "@/lib/jobs/queue";
import { countLeads } from "@/lib/leads/dashboard";
import type { RescoreProgress } from "@/lib/leads/rescore";
import { versionLabel } from "@/lib/versions/active-version";
import { validDefinition } from "./models";

/**
 * Publishing a version, or choosing another model, and the re-scores they queue.
 *
 * Publishing answers at once: the draft becomes the next immutable version and a re-score job
 * is queued (run by ./rescore-job.ts), which makes the version active once every lead is
 * scored with it. Until then every page reads the previous scores.
 */

/** Re-scores as background jobs (lib/jobs): the rest of their description is in ./rescore-job.ts. */
export const RESCORE_JOB = { kind: "rescore", table: "ScoringJob" } as const;

export type ScoringJobView = {
  id: string;
  status: "queued" | "running" | "succeeded" | "failed";
  processed: number;
  total: number;
  changed: number;
  error: string | null;
  version: { modelId: string; version: number; label: string };
  createdAt: Date;
  finishedAt: Date | null;
};

const JOB_SELECT = {
  id: true,
  status: true,
  processed: true,
  total: true,
  changed: true,
  error: true,
  createdAt: true,
  finishedAt: true,
  version: { select: { modelId: true, version: true, definition: true } },
} as const;

type JobRow = { id: string; status: string; processed: number; total: number; changed: number; error: string | null; createdAt: Date; finishedAt: Date | null; version: { modelId: string; version: number; definition: unknown } };

function toView(job: JobRow): ScoringJobView {
  const progress = job.status === "running" ? liveProgress<RescoreProgress>(RESCORE_JOB, job.id) : undefined;
  return {
    id: job.id,
    status: job.status as ScoringJobView["status"],
    processed: progress?.processed ?? job.processed,
    total: progress?.total ?? job.total,
    changed: progress?.changed ?? job.changed,
    error: job.error,
    version: { modelId: job.version.modelId, version: job.version.version, label: versionLabel((job.version.definition as { name: string }).name, job.version.version) },
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

export async function getScoringJob(companyId: string, jobId: string): Promise<ScoringJobView | null> {
  if (!isId(jobId)) return null;
  const job = await prisma.scoringJob.findFirst({ where: { id: jobId, companyId }, select: JOB_SELECT });
  return job ? toView(job) : null;
}

/** The company's re-score that is queued or running (the oldest), if any: what the notice shows. */
export async function getPendingScoringJob(companyId: string): Promise<ScoringJobView | null> {
  const job = await prisma.scoringJob.findFirst({ where: { companyId, status: { in: ["queued", "running"] } }, orderBy: { createdAt: "asc" }, select: JOB_SELECT });
  return job ? toView(job) : null;
}

/** The company's latest re-score, whatever its state (the studio shows a failed one with "Try again"). */
export async function getLatestScoringJob(companyId: string): Promise<ScoringJobView | null> {
  const job = await prisma.scoringJob.findFirst({ where: { companyId }, orderBy: { createdAt: "desc" }, select: JOB_SELECT });
  return job ? toView(job) : null;
}

/**
 * Publishes the model's draft as its next version, with an optional note, and queues the
 * re-score that will make it active. Answers without waiting for the re-score.
 */
export async function publishDraft(companyId: string, actor: Actor | null, modelId: string, note?: string) {
  if (!isId(modelId)) throw notFound("This model");
  const total = await countLeads(companyId);
  const { version, job } = await prisma.$transaction(async (tx) => {
    // Two publishes of one model take turns: each gets the next number, and the draft once.
    const [locked] = await tx.$queryRaw<{ draft: unknown }[]>`SELECT "draft" FROM "ScoringModel" WHERE "id" = ${modelId}::uuid AND "companyId" = ${companyId}::uuid FOR UPDATE`;
    if (!locked) throw notFound("This model");
    if (!locked.draft) throw new AppError("no_draft", "This model has no draft to publish. Edit it first.");
    const definition = validDefinition(locked.draft);
    const last = await tx.modelVersion.findFirst({ where: { modelId }, orderBy: { version: "desc" }, select: { version: true } });
    const created = await tx.modelVersion.create({
      data: { modelId, companyId, version: (last?.version ?? 0) + 1, definition, note: note?.trim() || null, publishedById: actor?.userId ?? null },
      select: { id: true, version: true },
    });
    await tx.scoringModel.update({ where: { id: modelId }, data: { draft: Prisma.DbNull, draftUpdatedAt: null, name: definition.name } });
    const job = await tx.scoringJob.create({ data: { companyId, versionId: created.id, total }, select: { id: true, status: true } });
    await recordAudit(tx, companyId, actor, "model.publish", { target: modelId, detail: { name: definition.name, version: created.version } });
    return { version: created.version, job };
  });
  await enqueueJob(RESCORE_JOB.kind, job.id);
  return { version, job };
}

/** Makes a model's latest published version the active one again (a re-score job, as publishing). */
export async function activateModel(companyId: string, modelId: string, actor?: Actor) {
  const latest = isId(modelId)
    ? await prisma.modelVersion.findFirst({ where: { modelId, companyId }, orderBy: { version: "desc" }, select: { id: true, version: true } })
    : null;
  if (!latest) throw new AppError("not_found", "This model has no published version.");
  const [company, pending] = await Promise.all([
    prisma.company.findUnique({ where: { id: companyId }, select: { activeVersionId: true } }),
    prisma.scoringJob.count({ where: { companyId, status: { in: ["queued", "running"] }, NOT: { versionId: latest.id } } }),
  ]);
  // Re-scoring every lead with the version that already scored them would change nothing
  // (unless another version is on its way in: then choosing this one again keeps it).
  if (company?.activeVersionId === latest.id && pending === 0) {
    throw new AppError("already_active", `Version ${latest.version} of this model is already the active one.`);
  }
  const total = await countLeads(companyId);
  const job = await prisma.$transaction(async (tx) => {
    await recordAudit(tx, companyId, actor, "model.activate", { target: modelId, detail: { version: latest.version } });
    return tx.scoringJob.create({ data: { companyId, versionId: latest.id, total }, select: { id: true, status: true } });
  });
  await enqueueJob(RESCORE_JOB.kind, job.id);
  return { version: latest.version, job };
}

/** Queues a failed re-score again. */
export async function retryScoringJob(companyId: string, jobId: string, actor?: Actor | null): Promise<ScoringJobView> {
  const job = await getScoringJob(companyId, jobId);
  if (!job) throw notFound("This re-score");
  if (job.status !== "failed") throw new AppError("not_failed", "Only a failed re-score can be tried again.");
  // Queued anew: it now counts as the latest request (see SUPERSEDED).
  await prisma.$transaction(async (tx) => {
    await tx.scoringJob.updateMany({ where: { id: jobId, companyId, status: "failed" }, data: { status: "queued", error: null, processed: 0, changed: 0, finishedAt: null, createdAt: new Date() } });
    await recordAudit(tx, companyId, actor, "rescore.retry", { target: jobId });
  });
  await enqueueJob(RESCORE_JOB.kind, jobId);
  return (await getScoringJob(companyId, jobId))!;
}
