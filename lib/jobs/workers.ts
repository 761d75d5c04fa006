import { databaseTarget } from "@/lib/db/client";
import { recoverImports, startImportWorker } from "@/lib/imports/queue";
import { recoverScoringJobs, startScoringWorker } from "@/lib/models/scoring-jobs";
import { LIVENESS_CHECK_SECONDS } from "./liveness";
import { stopJobQueue } from "./queue";

const shared = globalThis as { leadrankLivenessTimer?: NodeJS.Timeout };

/**
 * Starts this instance's background work: first fails the imports and re-scores whose worker
 * is gone and queues the waiting ones again, then takes queued jobs and, on PostgreSQL, looks
 * for jobs whose worker died elsewhere every LIVENESS_CHECK_SECONDS. (The embedded database
 * has no other instance, and answers no other query while a job writes.)
 */
export async function startWorkers(): Promise<void> {
  await recoverImports({ atStart: true });
  await recoverScoringJobs({ atStart: true });
  await startImportWorker();
  await startScoringWorker();
  if (databaseTarget().kind === "postgres" && !shared.leadrankLivenessTimer) {
    shared.leadrankLivenessTimer = setInterval(() => {
      recoverImports().catch((error) => console.error("Looking for interrupted imports failed:", error));
      recoverScoringJobs().catch((error) => console.error("Looking for interrupted re-scores failed:", error));
    }, LIVENESS_CHECK_SECONDS * 1000);
    shared.leadrankLivenessTimer.unref();
  }
}

export async function stopWorkers(): Promise<void> {
  clearInterval(shared.leadrankLivenessTimer);
  shared.leadrankLivenessTimer = undefined;
  await stopJobQueue();
}
