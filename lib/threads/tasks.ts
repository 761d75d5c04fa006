/**
 * What the work threads run (lib/threads/heavy.ts): the CPU-heavy work one company asks for
 * while others wait for answers. Each task reads the database through the thread's own
 * connections and returns plain data. An error meant for the user comes back as its parts,
 * since only an Error's message crosses between threads.
 */
import { AppError } from "@/lib/errors";
import { previewDefinition } from "@/lib/models/preview";
import { getInsights } from "@/lib/outcomes/insights";
import { suggestModel } from "@/lib/outcomes/suggest-model";
import type { ScoringModel } from "@/lib/scoring";
import { isMainThread } from "node:worker_threads";
import { toThread, type ThreadError } from "./errors";
import { runBehindRequests } from "@/lib/db/priority";

if (!isMainThread) runBehindRequests();

export const TASKS = {
  preview: ({ companyId, definition }: { companyId: string; definition: ScoringModel }) => previewDefinition(companyId, definition),
  suggestion: ({ companyId }: { companyId: string }) => suggestModel(companyId),
  insights: ({ companyId }: { companyId: string }) => getInsights(companyId),
};

export type TaskName = keyof typeof TASKS;
export type TaskResult<T extends TaskName> = Awaited<ReturnType<(typeof TASKS)[T]>>;
export type TaskAnswer = { ok: true; value: unknown } | { ok: false; error: ThreadError };

export default async function run({ task, args }: { task: TaskName; args: never }): Promise<TaskAnswer> {
  try {
    return { ok: true, value: await TASKS[task](args) };
  } catch (error) {
    if (!(error instanceof AppError)) console.error(`The ${task} task failed:`, error);
    return { ok: false, error: toThread(error) };
  }
}
