import path from "node:path";
import Piscina from "piscina";
import { AppError } from "@/lib/errors";
import { fromThread } from "./errors";
import type { TaskAnswer, TaskName, TaskResult, TASKS } from "./tasks";

/**
 * CPU-heavy work of one company (a model's impact preview, the suggested model, insights)
 * runs on a small pool of worker threads, never on the thread that answers every company's
 * requests: measured before, one company's suggestion on a million leads held another
 * company's request 24.8 s. Each company runs one such operation at a time (a second answers
 * 429 `busy` with Retry-After), and an operation past its time budget is stopped: its thread
 * is ended and a new one takes its place.
 *
 * The threads load LeadRank's source with tsx, as the command-line scripts do, and open their
 * own database connections. LEADRANK_WORK_THREADS sets how many (default 1: the machines
 * LeadRank is sized for have 2 cores, one for answering requests); 0 runs the work on the
 * request thread as before (for measuring what the threads buy; no time budget then).
 */
export const WORK_TIME_LIMIT_MS = Number(process.env.LEADRANK_WORK_TIME_LIMIT_S || 60) * 1000;
const RETRY_AFTER_SECONDS = 5;

const LABELS: Record<TaskName, string> = {
  preview: "An impact preview",
  suggestion: "A suggested model",
  insights: "The insights",
};

type Running = { task: TaskName; done: Promise<unknown> };
const shared = globalThis as { leadrankWorkPool?: Piscina; leadrankHeavyWork?: Map<string, Running> };
const running: Map<string, Running> = (shared.leadrankHeavyWork ??= new Map());

function pool(): Piscina {
  shared.leadrankWorkPool ??= new Piscina({
    filename: path.resolve("lib/threads/tasks.ts"),
    execArgv: ["--import", "tsx"],
    minThreads: 1,
    maxThreads: Math.max(1, Number(process.env.LEADRANK_WORK_THREADS || 1)),
    // A queued task waits for a thread; each company has at most one queued or running.
    maxQueue: "auto",
    idleTimeout: 5 * 60_000,
  });
  return shared.leadrankWorkPool;
}

/**
 * Runs `task` for the company on a work thread; 503 `too_slow` past the time budget. While the
 * company has one running, an API request is refused (429 `busy`, Retry-After) and a page
 * (`wait`) waits for it to finish first.
 */
export async function runHeavy<T extends TaskName>(
  task: T,
  args: { companyId: string } & Parameters<(typeof TASKS)[T]>[0],
  { timeLimitMs = WORK_TIME_LIMIT_MS, wait = false } = {},
): Promise<TaskResult<T>> {
  const { companyId } = args;
  for (let busy = running.get(companyId); busy; busy = running.get(companyId)) {
    if (!wait) throw new AppError("busy", `${LABELS[busy.task]} is already being worked out for this company. Try again when it has finished.`, { retryAfter: RETRY_AFTER_SECONDS });
    await busy.done.catch(() => {});
  }
  const done = work(task, args, timeLimitMs);
  running.set(companyId, { task, done });
  try {
    return await done;
  } finally {
    running.delete(companyId);
  }
}

async function work<T extends TaskName>(task: T, args: unknown, timeLimitMs: number): Promise<TaskResult<T>> {
  try {
    const answer: TaskAnswer =
      process.env.LEADRANK_WORK_THREADS === "0"
        ? await (await import("./tasks")).default({ task, args: args as never })
        : await pool().run({ task, args }, { signal: AbortSignal.timeout(timeLimitMs) });
    if (answer.ok) return answer.value as TaskResult<T>;
    throw fromThread(answer.error);
  } catch (error) {
    if ((error as Error)?.name === "AbortError" || (error as Error)?.name === "TimeoutError") {
      throw new AppError(
        "too_slow",
        `${LABELS[task]} took longer than ${Math.round(timeLimitMs / 1000)} s and was stopped, so that it does not hold up your other work. Try again later; if it keeps happening, write to us.`,
      );
    }
    throw error;
  }
}

/** Starts the work threads now, so that the first preview does not wait for one to load LeadRank's code. */
export function startWorkThreads(): void {
  if (process.env.LEADRANK_WORK_THREADS !== "0") pool();
}

/** Ends the work threads (tests, shutdown). */
export async function stopWorkThreads(): Promise<void> {
  const current = shared.leadrankWorkPool;
  shared.leadrankWorkPool = undefined;
  await current?.destroy();
}
