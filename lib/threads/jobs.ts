import path from "node:path";
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import { fromThread, type ThreadError } from "./errors";
import type { createImport } from "@/lib/imports/create-import";

/**
 * The jobs thread: imports and re-scores run here, never on the thread that answers every
 * company's requests. It takes queued jobs (lib/jobs/workers.ts), and the uploads this server
 * receives: the request thread only passes the bytes on as they arrive, and the jobs thread
 * stores, parses, validates, scores and writes them as POST /api/imports always did
 * (lib/imports/create-import.ts). Measured before, a 100k-row upload raised another company's
 * p99 from 36 to 209 ms.
 */
export type UploadArgs = Omit<Parameters<typeof createImport>[0], "source" | "guard" | "here">;

/** How many pieces of an upload may be on their way to the jobs thread before the request waits. */
const IN_FLIGHT = 8;

const shared = globalThis as { leadrankJobsThread?: Worker };

/**
 * Starts the jobs thread (once), taking queued jobs too unless `workers` is false. Resolves
 * once it is ready: with workers, after it has failed the jobs whose worker died and queued
 * the waiting ones again, so that a server restarted after a crash answers its first request
 * with those imports already marked failed.
 */
export function startJobsThread({ workers }: { workers: boolean }): Promise<void> {
  if (shared.leadrankJobsThread) return Promise.resolve();
  const thread = new Worker(path.resolve("lib/threads/jobs-thread.ts"), { execArgv: ["--import", "tsx"], workerData: { workers } });
  shared.leadrankJobsThread = thread;
  thread.unref();
  return new Promise<void>((resolve) => {
    thread.once("message", (message: { type: string }) => message.type === "ready" && resolve());
    thread.on("error", (error) => {
      console.error("The jobs thread stopped:", error);
      shared.leadrankJobsThread = undefined;
      resolve();
    });
  });
}

export const jobsThreadRunning = () => shared.leadrankJobsThread !== undefined;

/**
 * Imports an upload on the jobs thread as it arrives; resolves with the import's id once the
 * file is stored (as createImport does), rejects with the error meant for the user.
 */
export function importOnJobsThread(args: UploadArgs, source: AsyncIterable<Uint8Array>): Promise<string> {
  const thread = shared.leadrankJobsThread;
  if (!thread) throw new Error("The jobs thread is not running.");
  const { port1, port2 } = new MessageChannel();
  let credit = IN_FLIGHT;
  let wake = () => {};
  let settled = false;
  let markSettled = () => {};
  const answerSettled = new Promise<void>((resolve) => (markSettled = resolve));
  const answer = new Promise<string>((resolve, reject) => {
    const stopped = () => {
      if (settled) return;
      settled = true;
      reject(new Error("The jobs thread stopped while it was importing the upload."));
      wake();
    };
    thread.once("exit", stopped);
    void answerSettled.then(() => thread.off("exit", stopped));
    port1.on("message", (message: { type: "ack" } | { type: "created"; importId: string } | { type: "refused"; error: ThreadError }) => {
      if (message.type === "ack") credit++;
      else {
        settled = true;
        markSettled();
        port1.close();
        if (message.type === "created") resolve(message.importId);
        else reject(fromThread(message.error));
      }
      wake();
    });
  });
  thread.postMessage({ type: "import", args, port: port2 }, [port2]);
  void (async () => {
    try {
      for await (const piece of source) {
        while (credit === 0 && !settled) await new Promise<void>((resolve) => (wake = resolve));
        if (settled) return;
        credit--;
        // A copy of its own: busboy's pieces may share one buffer, which cannot be handed over.
        const data = new Uint8Array(piece);
        port1.postMessage({ type: "piece", data }, [data.buffer]);
      }
      if (!settled) port1.postMessage({ type: "end" });
    } catch (error) {
      if (!settled) port1.postMessage({ type: "abort", message: (error as Error)?.message ?? String(error) });
    }
  })();
  return answer;
}

/** The pieces of an upload as the request thread sends them, each acknowledged once taken. */
export async function* piecesFrom(port: MessagePort): AsyncGenerator<Uint8Array> {
  const queue: ({ type: "piece"; data: Uint8Array } | { type: "end" } | { type: "abort"; message: string })[] = [];
  let wake = () => {};
  port.on("message", (message) => {
    queue.push(message);
    wake();
  });
  for (;;) {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    const message = queue.shift()!;
    if (message.type === "end") return;
    if (message.type === "abort") throw new Error(`The upload broke off: ${message.message}`);
    yield message.data;
    port.postMessage({ type: "ack" });
  }
}
