import { NextResponse } from "next/server";
import { getTenant } from "@/lib/auth/session";
import type { Tenant } from "@/lib/auth/accounts";
import { AppError, isDatabaseUnavailable } from "@/lib/errors";

/** Every API error has this shape: `{ error: { code, message } }`. */
export function jsonError(status: number, code: string, message: string, headers?: HeadersInit, details?: Record<string, unknown>) {
  return NextResponse.json({ error: { code, message, ...details } }, { status, headers });
}

export const notFound = (what = "This item") => jsonError(404, "not_found", `${what} was not found.`);

export function errorResponse(error: unknown) {
  if (error instanceof AppError) return jsonError(error.status, error.code, error.message, undefined, error.details);
  if (isDatabaseUnavailable(error)) {
    return jsonError(503, "database_unavailable", "The database is not reachable right now. Please try again shortly.");
  }
  console.error(error);
  return jsonError(500, "internal_error", "Something went wrong on our side. Please try again.");
}

type RouteContext<P> = { params: Promise<P> };

/**
 * A state-changing request a browser sent from another site (CSRF). Browsers always send
 * Origin with such requests; clients without one (scripts, the CLI) are not browsers.
 */
function isCrossSite(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD") return false;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Wraps an API route handler: refuses requests without a session (401 JSON), hands the
 * handler the tenant from the session, and turns thrown errors into the one error shape.
 */
export function withTenant<P = Record<string, never>>(
  handler: (request: Request, tenant: Tenant, params: P) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext<P>) => {
    try {
      if (isCrossSite(request)) return jsonError(403, "cross_site", "This request came from another site and was refused.");
      const tenant = await getTenant();
      if (!tenant) return jsonError(401, "unauthenticated", "Sign in to use this API.");
      return await handler(request, tenant, await context.params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** The request's JSON body (an empty body reads as `{}`); 400 when it is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_json", "The request body is not valid JSON.", 400);
  }
}
