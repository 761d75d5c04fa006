import { recordAudit, type Actor } from "@/lib/audit/audit";
import { companyTransaction, openConnection } from "@/lib/db/bulk";
import { databaseTarget, prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError, isDatabaseUnavailable, notFound } from "@/lib/errors";
import { asJobWorker, isJobAlive } from "@/lib/jobs/liveness";
import { enqueueJob, failActiveJob, workOn } from "@/lib/jobs/queue";
import { countLeads } from "@/lib/leads/dashboard";
import { rescoreLeads, type RescoreProgress } from "@/lib/leads/rescore";
import { sharedMap } from "@/lib/threads/shared-map";
import { readVersion, validDefinition, versionLabel } from "./models";
import { isId } from "@/lib/ids";

/**
 * Publishing a version and re-scoring the company's leads with it in the background.
 *
 * Publishing answers at once: the draft becomes the next immutable version and a re-score job
 * is queued. The job runs in one transaction holding the company's lock (imports and undos
 * wait for it, and it for them); it writes only the leads whose result changes and, in the
 * same commit, makes the version active. Until then every page reads the previous scores.
 */

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

// Progress of the jobs this process runs (on its jobs thread): while the job's transaction is
// open the embedded database answers no other connection, so the status API reads progress from here.
const live = sharedMap<string, RescoreProgress>("rescores");

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
  const progress = job.status === "running" ? live.get(job.id) : undefined;
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
  await enqueueJob("rescore", job.id);
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
  await enqueueJob("rescore", job.id);
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
  await enqueueJob("rescore", jobId);
  return (await getScoringJob(companyId, jobId))!;
}

export const RESCORE_STOPPED = "The LeadRank server re-scoring the leads stopped before it finished, so the previous version stays active. Try again.";
const RESCORE_FAILED = "The re-score stopped because of an unexpected error, so the previous version stays active. Try again.";
const RESCORE_CONNECTION_LOST = "The database connection was lost during the re-score, so the previous version stays active. Try again.";
export const SUPERSEDED = "A version published or chosen after this one was made active first, so this one was not applied.";

/**
 * Runs a queued re-score: in one company transaction, re-scores every lead with the job's
 * version, writing only the changed ones, and makes the version active in the same commit.
 * A failure (or a killed process) leaves the previous version active and every score as it was.
 */
export async function processScoringJob(jobId: string, options: { failAfterBatches?: number } = {}): Promise<void> {
  await asJobWorker("rescore", jobId, async (client) => {
    const claimed = await client.query<{ companyId: string; versionId: string; total: number }>(
      `UPDATE "ScoringJob" SET "status" = 'running', "heartbeatAt" = now() WHERE "id" = $1 AND "status" = 'queued' RETURNING "companyId", "versionId", "total"`,
      [jobId],
    );
    if (claimed.rowCount === 0) return;
    const { companyId, versionId, total } = claimed.rows[0];
    const shareProgress = databaseTarget().kind === "postgres";
    let sharedAt = 0;
    let batches = 0;
    live.set(jobId, { processed: 0, total, changed: 0 });
    // On PostgreSQL the leads are read through a second connection while this one writes.
    let reader: Awaited<ReturnType<typeof openConnection>> | undefined;
    try {
      reader = shareProgress ? await openConnection() : undefined;
      await companyTransaction(client, companyId, async () => {
        // Jobs of one company may run out of order on several instances: the latest request wins.
        const { rowCount: newer } = await client.query(
          `SELECT 1 FROM "ScoringJob" WHERE "companyId" = $1 AND "status" = 'succeeded' AND "createdAt" > (SELECT "createdAt" FROM "ScoringJob" WHERE "id" = $2)`,
          [companyId, jobId],
        );
        if (newer) {
          await client.query(`UPDATE "ScoringJob" SET "status" = 'failed', "error" = $2, "finishedAt" = now() WHERE "id" = $1`, [jobId, SUPERSEDED]);
          return;
        }
        const version = await readVersion(client, versionId);
        // Its snapshot starts after the lock is held: it sees every lead as this transaction does.
        await reader?.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        const result = await rescoreLeads(client, companyId, version.definition, {
          reader,
          total,
          onProgress: async (progress) => {
            live.set(jobId, progress);
            if (options.failAfterBatches !== undefined && ++batches > options.failAfterBatches) throw new Error("Simulated failure");
            if (shareProgress && performance.now() - sharedAt > 500) {
              sharedAt = performance.now();
              await prisma.scoringJob.update({ where: { id: jobId }, data: { ...progress, heartbeatAt: new Date() } });
            }
          },
        });
        await client.query(`UPDATE "Company" SET "activeVersionId" = $2 WHERE "id" = $1`, [companyId, versionId]);
        await client.query(
          `UPDATE "ScoringJob" SET "status" = 'succeeded', "processed" = $2, "total" = $3, "changed" = $4, "finishedAt" = now() WHERE "id" = $1`,
          [jobId, result.processed, result.processed, result.changed],
        );
      });
    } catch (error) {
      console.error(`Re-score ${jobId} failed:`, error);
      await failScoringJob(jobId, isDatabaseUnavailable(error) ? RESCORE_CONNECTION_LOST : RESCORE_FAILED).catch((e) => console.error(`Re-score ${jobId} could not be marked failed:`, e));
    } finally {
      live.delete(jobId);
      await reader?.end().catch(() => {});
    }
  });
}

async function failScoringJob(jobId: string, reason: string) {
  await prisma.scoringJob.updateMany({ where: { id: jobId, status: { in: ["queued", "running"] } }, data: { status: "failed", error: reason, finishedAt: new Date() } });
}

export async function startScoringWorker(): Promise<void> {
  await workOn("rescore", (jobId) => processScoringJob(jobId));
}

/** Fails the running re-scores whose worker is gone; at start-up, queues the waiting ones again. */
export async function recoverScoringJobs({ atStart = false }: { atStart?: boolean } = {}): Promise<void> {
  const running = await prisma.scoringJob.findMany({ where: { status: "running" }, select: { id: true } });
  for (const { id } of running) {
    if (await isJobAlive("rescore", id)) continue;
    await failScoringJob(id, RESCORE_STOPPED);
    await failActiveJob("rescore", id, RESCORE_STOPPED);
  }
  if (!atStart) return;
  const waiting = await prisma.scoringJob.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  for (const { id } of waiting) await enqueueJob("rescore", id);
}
