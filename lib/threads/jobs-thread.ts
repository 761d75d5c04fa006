/**
 * The jobs thread's own code (started by lib/threads/jobs.ts): takes queued imports and
 * re-scores, and imports the uploads the request thread passes on.
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { createImport } from "@/lib/imports/create-import";
import { importJob } from "@/lib/imports/queue";
import { startWorkers, type JobType } from "@/lib/jobs/workers";
import { rescoreJob } from "@/lib/models/rescore-job";
import { toThread } from "./errors";
import { piecesFrom, type UploadArgs } from "./jobs";
import { runBehindRequests } from "@/lib/db/priority";

runBehindRequests();

/** The kinds of background job this thread runs (lib/jobs/workers.ts takes them as they are given). */
const JOB_TYPES: JobType[] = [importJob, rescoreJob];

parentPort!.on("message", (message: { type: "import"; args: UploadArgs; port: MessagePort }) => {
  const { args, port } = message;
  createImport({ ...args, source: piecesFrom(port), here: {} }).then(
    (importId) => port.postMessage({ type: "created", importId }),
    (error) => port.postMessage({ type: "refused", error: toThread(error) }),
  );
});

const ready = () => parentPort!.postMessage({ type: "ready" });
if ((workerData as { workers: boolean }).workers) {
  startWorkers(JOB_TYPES)
    .catch((error) => console.error("The background workers could not start:", error))
    .finally(ready);
} else ready();
