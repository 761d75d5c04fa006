import { NextResponse } from "next/server";
import { clientIp } from "@/lib/auth/client-ip";
import { requirePermission, type Action, type Principal } from "@/lib/auth/permissions";
import { getPrincipal } from "@/lib/auth/session";
import { principalFromToken } from "@/lib/tokens/tokens";
import { AppError, isDatabaseUnavailable } from "@/lib/errors";

/** Every API error has this shape: `{ error: { code, message } }`. */
export function jsonError(status: number, code: string, message: string, headers?: HeadersInit, details?: Record<string, unknown>) {
  return NextResponse.json({ error: { code, message, ...details } }, { status, headers });
}

export const notFound = (what = "This item") => jsonError(404, "not_found", `${what} was not found.`);

export function errorResponse(error: unknown) {
  if (error instanceof AppError) {
    const retryAfter = error.details?.retryAfter;
    return jsonError(error.status, error.code, error.message, typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : undefined, error.details);
  }
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
 * The principal of an API request: a bearer token (`Authorization: Bearer lr_…`) when one is
 * sent, else the session cookie. A token request is not a browser's, so the cross-site check
 * (which is about cookies) does not apply to it.
 */
async function requestPrincipal(request: Request): Promise<Principal | Response> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const [scheme, secret] = authorization.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() !== "bearer" || !secret) return jsonError(401, "unauthenticated", "Send the token as Authorization: Bearer lr_….");
    const check = await principalFromToken(secret, clientIp(request.headers));
    if ("principal" in check) return check.principal;
    if (check.error === "rate_limited") {
      return jsonError(429, "rate_limited", `This token made too many requests. Try again in ${check.retryAfter} s.`, { "Retry-After": String(check.retryAfter) });
    }
    return jsonError(401, "unauthenticated", "This API token is not valid: it was revoked, it expired, or its owner left the company.");
  }
  if (isCrossSite(request)) return jsonError(403, "cross_site", "This request came from another site and was refused.");
  return (await getPrincipal()) ?? jsonError(401, "unauthenticated", "Sign in or send an API token to use this API.");
}

/**
 * Wraps an API route handler: finds the principal (401 JSON without one), checks that its
 * role allows the route's `permission` (403 `forbidden`), hands the handler the principal and
 * turns thrown errors into the one error shape.
 */
export function withTenant<P = Record<string, never>>(
  handler: (request: Request, principal: Principal, params: P) => Promise<Response>,
  { permission }: { permission: Action },
) {
  return async (request: Request, context: RouteContext<P>) => {
    try {
      const principal = await requestPrincipal(request);
      if (principal instanceof Response) return principal;
      requirePermission(principal, permission);
      return await handler(request, principal, await context.params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** The most a JSON request body may hold: every body the API takes fits well within it. */
export const JSON_BODY_LIMIT = 1_000_000;
const TOO_LARGE = `The request body is over ${JSON_BODY_LIMIT / 1_000_000} MB.`;

/**
 * The request's JSON body (an empty body reads as `{}`); 400 when it is not JSON, and 413
 * `body_too_large` (or the error `tooLarge` makes) past `JSON_BODY_LIMIT`, read no further.
 */
export async function readJson(request: Request, tooLarge = (message: string) => new AppError("body_too_large", message, 413)): Promise<unknown> {
  if (Number(request.headers.get("content-length") ?? 0) > JSON_BODY_LIMIT) throw tooLarge(TOO_LARGE);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      size += part.value.byteLength;
      if (size > JSON_BODY_LIMIT) {
        await reader.cancel();
        throw tooLarge(TOO_LARGE);
      }
      chunks.push(part.value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_json", "The request body is not valid JSON.", 400);
  }
}

/** A model's body: past the limit it is refused like any other model problem (422 `invalid_model`). */
export const readModelJson = (request: Request) =>
  readJson(request, (message) => new AppError("invalid_model", `The model is not valid: ${message}`, 422, { issues: [{ path: "", message }] }));
