/**
 * An error meant for the user: a stable code, a message a person understands, an HTTP status,
 * and optionally more fields for the error body (such as a model's `issues`).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

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

/** True when a statement gave up waiting for a lock (`lock_timeout`, SQLSTATE 55P03). */
export function isLockTimeout(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "55P03" || /\b55P03\b|lock timeout/.test(String(e.message ?? ""))) return true;
  }
  return false;
}
