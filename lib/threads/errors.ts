import { AppError, type ErrorCode } from "@/lib/errors";

/** An error as it crosses between threads: its parts, since only an Error's message survives. */
export type ThreadError = { code: string; message: string; status: number; details?: Record<string, unknown> } | { message: string };

export function toThread(error: unknown): ThreadError {
  if (error instanceof AppError) return { code: error.code, message: error.message, status: error.status, details: error.details };
  return { message: (error as Error)?.message ?? String(error) };
}

/** The error again on this side: an AppError (the answer meant for the user) or a plain Error. */
export function fromThread(error: ThreadError): Error {
  return "code" in error ? new AppError(error.code as ErrorCode, error.message, error.details) : new Error(error.message);
}
