import { NextResponse } from "next/server";
import { z } from "zod";
import { clientIp } from "@/lib/auth/client-ip";
import { requirePermission, type Action, type Principal } from "@/lib/auth/permissions";
import { getPrincipal } from "@/lib/auth/session";
import { principalFromToken } from "@/lib/tokens/tokens";
import { AppError, DATABASE_UNAVAILABLE, invalidRequest, isDatabaseUnavailable, issuesOf } from "@/lib/errors";

/** Every API error has this shape: `{ error: { code, message, ...details } }`, its status from the table in lib/errors.ts. */
function jsonError(error: AppError) {
  const retryAfter = error.details?.retryAfter;
  return NextResponse.json(
    { error: { code: error.code, message: error.message, ...error.details } },
    { status: error.status, headers: typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : undefined },
  );
}

/** The one answer to an error thrown anywhere below a route: an AppError as it says, a ZodError as 422, the database away as 503, else 500. */
export function errorResponse(error: unknown) {
  if (error instanceof AppError) return jsonError(error);
  if (error instanceof z.ZodError) return jsonError(invalidRequest(issuesOf(error)));
  if (isDatabaseUnavailable(error)) return jsonError(new AppError("database_unavailable", DATABASE_UNAVAILABLE));
  console.error(error);
  return jsonError(new AppError("internal_error", "Something went wrong on our side. Please try again."));
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
async function requestPrincipal(request: Request): Promise<Principal> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const [scheme, secret] = authorization.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() !== "bearer" || !secret) throw new AppError("unauthenticated", "Send the token as Authorization: Bearer lr_….");
    const check = await principalFromToken(secret, clientIp(request.headers));
    if ("principal" in check) return check.principal;
    if (check.error === "rate_limited") {
      throw new AppError("rate_limited", `This token made too many requests. Try again in ${check.retryAfter} s.`, { retryAfter: check.retryAfter });
    }
    throw new AppError("unauthenticated", "This API token is not valid: it was revoked, it expired, or its owner left the company.");
  }
  if (isCrossSite(request)) throw new AppError("cross_site", "This request came from another site and was refused.");
  const principal = await getPrincipal();
  if (!principal) throw new AppError("unauthenticated", "Sign in or send an API token to use this API.");
  return principal;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a route handler is handed: the checked principal, and the path's params, the query and the body as their schemas parsed them. */
export type RouteInput<P, Q, B> = { request: Request; principal: Principal; params: P; query: Q; body: B };

/** The `[id]` of a route's path: anything but a uuid is the id of nothing, 404 "This lead was not found." */
export const idParam = (what: string) => z.object({ id: z.uuid({ error: `${what} was not found.` }) });

/**
 * The one boundary of an API route: finds the principal (401 without one), checks that its role
 * allows the route's `permission` (403 `forbidden`), parses the path's params (404 when they
 * name nothing), the query string and the JSON body with the schemas given (a malformed body is
 * 400 `bad_request`; values the schema refuses are 422 `invalid_request` naming each one; a model
 * route's body past the size limit is `invalid_model`), hands the handler typed input, and turns
 * whatever it throws into the one error shape (`errorResponse`).
 */
export function withTenant<PS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined, BS extends z.ZodType | undefined = undefined>(
  handler: (input: RouteInput<Parsed<PS>, Parsed<QS>, Parsed<BS>>) => Promise<Response>,
  { permission, params, query, body, model = false }: { permission: Action; params?: PS; query?: QS; body?: BS; model?: boolean },
) {
  return async (request: Request, context: RouteContext<unknown>) => {
    try {
      const principal = await requestPrincipal(request);
      requirePermission(principal, permission);
      let pathParams: unknown = undefined;
      if (params) {
        const parsed = params.safeParse(await context.params);
        if (!parsed.success) throw new AppError("not_found", parsed.error.issues[0].message);
        pathParams = parsed.data;
      }
      return await handler({
        request,
        principal,
        params: pathParams as Parsed<PS>,
        query: (query ? parse(query, Object.fromEntries(new URL(request.url).searchParams)) : undefined) as Parsed<QS>,
        body: (body ? parse(body, model ? await readModelJson(request) : await readJson(request)) : undefined) as Parsed<BS>,
      });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A value parsed by its schema, or 422 `invalid_request` naming what is wrong with it. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidRequest(issuesOf(parsed.error));
  return parsed.data;
}

/** The most a JSON request body may hold: every body the API takes fits well within it. */
export const JSON_BODY_LIMIT = 1_000_000;
const TOO_LARGE = `The request body is over ${JSON_BODY_LIMIT / 1_000_000} MB.`;

/**
 * The request's JSON body (an empty body reads as `{}`); 400 when it is not JSON, and 413
 * `body_too_large` (or the error `tooLarge` makes) past `JSON_BODY_LIMIT`, read no further.
 */
export async function readJson(request: Request, tooLarge = (message: string) => new AppError("body_too_large", message)): Promise<unknown> {
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
  // A body of another kind (a form, text) is not read as JSON by chance: say how to send it.
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type && type !== "application/json" && !type.endsWith("+json")) throw new AppError("bad_request", "Send the body as JSON, with Content-Type: application/json.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

/** A model's body: past the limit it is refused like any other model problem (422 `invalid_model`). */
export const readModelJson = (request: Request) =>
  readJson(request, (message) => new AppError("invalid_model", `The model is not valid: ${message}`, { issues: [{ path: "", message }] }));
