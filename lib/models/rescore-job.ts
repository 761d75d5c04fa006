import { companyTransaction, openConnection } from "@/lib/db/bulk";
import { databaseTarget, prisma } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/errors";
import { JobProgress } from "@/lib/jobs/progress";
import { runClaimed, type JobType } from "@/lib/jobs/workers";
import { rescoreLeads, type RescoreProgress } from "@/lib/leads/rescore";
import { versionOn } from "@/lib/versions/active-version";
import { RESCORE_JOB } from "./publish";

/**
 * The re-score a publish or a model switch queues (./publish.ts), run as a background job. It
 * runs in one transaction holding the company's lock (imports and undos wait for it, and it for
 * them); it writes only the leads whose result changes and, in the same commit, makes the
 * version active. Until then every page reads the previous scores.
 */

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
  await runClaimed(rescoreJob, jobId, async (client) => {
    const { rows } = await client.query<{ companyId: string; versionId: string; total: number }>(`SELECT "companyId", "versionId", "total" FROM "ScoringJob" WHERE "id" = $1`, [jobId]);
    const { companyId, versionId, total } = rows[0];
    const progress = new JobProgress<RescoreProgress>(RESCORE_JOB, jobId);
    let batches = 0;
    progress.set({ processed: 0, total, changed: 0 });
    // On PostgreSQL the leads are read through a second connection while this one writes.
    let reader: Awaited<ReturnType<typeof openConnection>> | undefined;
    try {
      reader = databaseTarget().kind === "postgres" ? await openConnection() : undefined;
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
        const version = await versionOn(client, versionId);
        // Its snapshot starts after the lock is held: it sees every lead as this transaction does.
        await reader?.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        const result = await rescoreLeads(client, companyId, version.definition, {
          reader,
          total,
          onProgress: async (now) => {
            progress.set(now, now);
            if (options.failAfterBatches !== undefined && ++batches > options.failAfterBatches) throw new Error("Simulated failure");
          },
        });
        await progress.shared();
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
      progress.end();
      await reader?.end().catch(() => {});
    }
  });
}

async function failScoringJob(jobId: string, reason: string) {
  await prisma.scoringJob.updateMany({ where: { id: jobId, status: { in: ["queued", "running"] } }, data: { status: "failed", error: reason, finishedAt: new Date() } });
}

/** Re-scores as background jobs (lib/jobs/workers.ts); a running one whose worker is gone fails with RESCORE_STOPPED. */
export const rescoreJob: JobType = {
  ...RESCORE_JOB,
  run: (jobId) => processScoringJob(jobId),
  fail: failScoringJob,
  stopped: RESCORE_STOPPED,
};
