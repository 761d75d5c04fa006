import { z } from "zod";
import type { Action } from "@/lib/auth/permissions";
import { requirePrincipal, type SessionPrincipal } from "@/lib/auth/session";
import { AppError, DATABASE_UNAVAILABLE, invalidRequest, isDatabaseUnavailable, issuesOf, type Issue } from "@/lib/errors";

/**
 * What a form shows when its action was refused: a message, and the message of each field
 * that has one (by the field's name). An action's success is its own value.
 */
export type ActionFailure = { ok?: false; message: string; fieldErrors: Record<string, string>; values: Record<string, string> };

/** What a form keeps between tries: the action's last answer, a success (`ok`) or a failure, with what the person typed. */
export type ActionState<R = object> = Partial<R> & { ok?: boolean; message?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

/** A form's fields as an object: a field sent once is a string, one sent several times (ticked boxes) a list. */
export function formFields(form: FormData): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const name of new Set(form.keys())) {
    const values = form.getAll(name).filter((value): value is string => typeof value === "string");
    fields[name] = values.length === 1 ? values[0] : values;
  }
  return fields;
}

/**
 * A refusal as the form shows it: the first problem as the message, each field's own problem
 * beside it, and what was typed (never a password) to fill the form in again.
 */
function failure(message: string, issues: Issue[], input: unknown): ActionFailure {
  // Keyed by names the client sent: built in a Map, then made a plain object (React passes no other kind to the page).
  const fieldErrors = new Map<string, string>();
  for (const { path, message: text } of issues) {
    const field = path.split(".")[0];
    if (field && !fieldErrors.has(field)) fieldErrors.set(field, text);
  }
  const values = new Map<string, string>();
  if (input && typeof input === "object" && !Array.isArray(input)) {
    for (const [name, value] of Object.entries(input)) if (typeof value === "string" && !/password|secret/i.test(name)) values.set(name, value);
  }
  return { ok: false, message, fieldErrors: Object.fromEntries(fieldErrors), values: Object.fromEntries(values) };
}

const issuesIn = (error: AppError): Issue[] => (error.details?.issues as Issue[] | undefined) ?? [];

/**
 * Parses an action's input with its schema and runs it: an AppError (or a ZodError) becomes the
 * form's message and field errors, the database being away the one sentence for it; anything
 * else (a redirect, a bug) goes on as thrown.
 */
async function settle<S extends z.ZodType, R>(schema: S, raw: unknown, run: (input: z.output<S>) => Promise<R>): Promise<R | ActionFailure> {
  const input = raw instanceof FormData ? formFields(raw) : (raw ?? {});
  try {
    return await run(schema.parse(input));
  } catch (error) {
    const refused = error instanceof z.ZodError ? invalidRequest(issuesOf(error)) : error;
    if (refused instanceof AppError) return failure(refused.message, issuesIn(refused), input);
    if (isDatabaseUnavailable(error)) return failure(DATABASE_UNAVAILABLE, [], input);
    throw error;
  }
}

/**
 * The one boundary of a server action of a signed-in person: the session's principal must have
 * `permission` (checked on the server, whatever the page showed), the input (a form's fields, or
 * the value the client passed) is parsed with `schema`, and a refusal comes back as an
 * ActionFailure for the form to show. Works as a form's action (`form`), with useActionState
 * (`previous, form`) and called with a value.
 */
export function tenantAction<S extends z.ZodType, R>(permission: Action, schema: S, run: (principal: SessionPrincipal, input: z.output<S>) => Promise<R>) {
  return async (...args: unknown[]): Promise<R | ActionFailure> => {
    const principal = await requirePrincipal(permission);
    return settle(schema, args.at(-1), (input) => run(principal, input));
  };
}

/**
 * The same boundary for a form with no place for a message (a button, a select that submits
 * itself): what it sends can only be refused if it was tampered with, so a refusal is thrown
 * (the error page) rather than returned.
 */
export function tenantFormAction<S extends z.ZodType>(permission: Action, schema: S, run: (principal: SessionPrincipal, input: z.output<S>) => Promise<void>) {
  return async (form: FormData): Promise<void> => {
    const principal = await requirePrincipal(permission);
    await run(principal, schema.parse(formFields(form)));
  };
}

/** The same boundary for an action anyone may call (sign-up, a reset link, an invitation link): no principal. */
export function publicAction<S extends z.ZodType, R>(schema: S, run: (input: z.output<S>) => Promise<R>) {
  return async (...args: unknown[]): Promise<R | ActionFailure> => settle(schema, args.at(-1), run);
}
