import type { ZodError } from "zod";

/**
 * Every error code LeadRank answers with, and its HTTP status: the one closed table. The API's
 * error body is `{ error: { code, message, ...details } }`; the OpenAPI document lists each
 * operation's codes from here (lib/api/openapi.ts), and docs/api.md explains them.
 *
 * - 400 `bad_request`: the request itself is malformed (not JSON, not multipart, a file part
 *   without a file); 422 `invalid_request`: it is well-formed but a value is not acceptable,
 *   with `issues: [{ path, message }]` naming each one (a scoring model's: `invalid_model`).
 * - 409: the request is valid but the state of things does not allow it now; each has a name.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  cross_site: 403,
  wrong_account: 403,
  not_found: 404,
  method_not_allowed: 405,
  already_active: 409,
  already_member: 409,
  already_undone: 409,
  company_busy: 409,
  email_taken: 409,
  last_owner: 409,
  no_draft: 409,
  not_enough_outcomes: 409,
  not_failed: 409,
  not_finished: 409,
  sample_running: 409,
  undo_blocked: 409,
  invitation_expired: 410,
  reset_invalid: 410,
  body_too_large: 413,
  file_too_large: 413,
  invalid_request: 422,
  invalid_model: 422,
  busy: 429,
  rate_limited: 429,
  too_many_attempts: 429,
  internal_error: 500,
  database_unavailable: 503,
  too_slow: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One unacceptable value: where it is (`"definition.criteria.2.label"`, `""` for the whole request) and what is wrong. */
export type Issue = { path: string; message: string };

/**
 * An error meant for the user: a code of the table (its status comes from there), a message a
 * person understands, and optionally more fields for the error body (a request's `issues`,
 * `retryAfter` seconds).
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

/** 404 "This lead was not found." */
export const notFound = (what = "This item") => new AppError("not_found", `${what} was not found.`);

/** 422 `invalid_request` naming the values that are not acceptable; its message is the first one's. */
export function invalidRequest(issues: Issue[]): AppError {
  return new AppError("invalid_request", issues[0]?.message ?? "The request is not valid.", { issues });
}

/** 422 `invalid_request` for one value. */
export const invalidValue = (path: string, message: string) => invalidRequest([{ path, message }]);

/** A zod error's issues, each with its path written `a.b.0.c`. */
export const issuesOf = (error: ZodError): Issue[] => error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * True when an error means the database could not be reached (server down, connection
 * refused or cut, the session terminated by the server: SQLSTATE classes 08 and 57P0x), as
 * opposed to a failing query.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === "string" && /^(08...|57P0.)$/.test(e.code)) return true;
    const text = `${String(e.code ?? "")} ${String(e.message ?? "")}`;
    if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|P1001|P1017|DatabaseNotReachable|Connection terminated|connection timeout|Can't reach database|encountered a connection error/i.test(text)) {
      return true;
    }
  }
  return false;
}

/** The one wording of "the database is unreachable", for the API (503) and every form. */
export const DATABASE_UNAVAILABLE = "LeadRank cannot reach its database right now. Please try again in a moment.";

/** True when a statement gave up waiting for a lock (`lock_timeout`, SQLSTATE 55P03). */
export function isLockTimeout(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "55P03" || /\b55P03\b|lock timeout/.test(String(e.message ?? ""))) return true;
  }
  return false;
}
