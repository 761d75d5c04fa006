/**
 * LeadRank's OpenAPI 3.1 document, generated from the zod schemas the routes parse with and
 * answer in (lib/api/schemas.ts and the domain modules). One entry per route and method:
 * lib/api/openapi.test.ts fails when a route under app/api has none, or its permission differs.
 */
import { z } from "zod";
import { activitiesPage, activitiesQuery, addActivitiesDocument, addedActivities, leadActivitiesPage, leadActivitiesQuery } from "@/lib/activities/schemas";
import { auditQuery } from "@/lib/audit/audit";
import { lowestRole, type Action } from "@/lib/auth/permissions";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { dashboardQuery } from "@/lib/leads/dashboard";
import { listLeadsQuery } from "@/lib/leads/list-leads";
import { activityMappingSchema } from "@/lib/activities/mapping";
import { mappingSchema } from "@/lib/csv/mapping";
import { IMPORT_KINDS, outcomeValuesSchema } from "@/lib/imports/schemas";
import { createModelInput } from "@/lib/models/models";
import { scoringModelSchema } from "@/lib/scoring/model";
import { createInvitationSchema } from "@/lib/teams/invitations";
import { roleSchema } from "@/lib/teams/members";
import { createTokenSchema } from "@/lib/tokens/tokens";
import * as s from "./schemas";

type Response = { description: string; schema?: z.ZodType; csv?: boolean };
export type Operation = {
  /** CPU-heavy work run on a work thread (lib/threads/heavy.ts): one per company at a time, stopped past its time budget. */
  heavy?: true;
  method: "get" | "post" | "put" | "patch" | "delete";
  /** As OpenAPI writes it: /api/leads/{id}. */
  path: string;
  summary: string;
  tag: string;
  /** The role permission the route requires; null for a public route. */
  permission: Action | null;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The fields of a multipart body: a description, or for a field holding JSON text, its schema too. */
  multipart?: Record<string, string | { description: string; json: z.ZodType } | { description: string; values: readonly string[] }>;
  /** Whether the body is a scoring model's (too large: 422 `invalid_model`, not 413). */
  model?: true;
  responses: Record<number, Response>;
  /** The error codes it may answer besides those every operation of its kind has (errorCodes): its named conflicts, `invalid_model`. */
  errors?: ErrorCode[];
};

const ok = (schema: z.ZodType, description = "OK"): Response => ({ description, schema });
const created = (schema: z.ZodType) => ({ 201: ok(schema, "Created") });
const noContent = { 204: { description: "Done; no body" } };

const TAGS: Record<string, string> = {
  Service: "Whether LeadRank answers, and this document",
  Leads: "The ranked leads, the dashboard and the scored CSV export",
  Imports: "CSV and Excel uploads, their progress, rejected rows and undo",
  Activities: "What leads do (clicks, visits, form fills, meetings): sent as they happen, listed per company and per lead",
  "Scoring models": "The company's models, drafts, versions, impact previews, publishing and re-scores",
  Outcomes: "Won and lost leads, how well the score predicts them, and a suggested model",
  Team: "Members, invitations, API tokens and the audit log",
};

export const OPERATIONS: Operation[] = [
  { method: "get", path: "/api/health", tag: "Service", summary: "Whether LeadRank and its database answer", permission: null, responses: { 200: ok(z.looseObject({ ok: z.boolean(), db: z.string() })), 503: ok(s.errorBody, "The database is not reachable") } },
  { method: "get", path: "/api/openapi.json", tag: "Service", summary: "This document", permission: null, responses: { 200: ok(z.looseObject({ openapi: z.string() })) } },

  { method: "get", path: "/api/dashboard", tag: "Leads", summary: "KPIs, the top 10 leads and the trend of the last 7, 30 or 90 days", permission: "leads:read", query: dashboardQuery, responses: { 200: ok(s.dashboard) } },
  { method: "get", path: "/api/leads", tag: "Leads", summary: "The ranked, searchable leads, a page at a time", permission: "leads:read", query: listLeadsQuery, responses: { 200: ok(s.leadsPage) } },
  { method: "get", path: "/api/leads/export", tag: "Leads", summary: "The leads of the same filters as a scored CSV (streamed)", permission: "leads:export", query: listLeadsQuery, responses: { 200: { description: "CSV", csv: true } } },
  { method: "get", path: "/api/leads/{id}", tag: "Leads", summary: "One lead with its score breakdown and the version that scored it", permission: "leads:read", responses: { 200: ok(s.leadBody) } },
  { method: "patch", path: "/api/leads/{id}", tag: "Outcomes", summary: "Sets the lead's outcome", permission: "outcomes:write", body: s.outcomeBody, responses: { 200: ok(s.leadBody) } },

  { method: "get", path: "/api/leads/{id}/activities", tag: "Activities", summary: "A lead's activities (those of its email), newest first, and its counts per type", permission: "leads:read", query: leadActivitiesQuery, responses: { 200: ok(leadActivitiesPage) } },
  { method: "get", path: "/api/activities", tag: "Activities", summary: "The company's activities, newest first, filtered by email, type and dates", permission: "leads:read", query: activitiesQuery, responses: { 200: ok(activitiesPage) } },
  { method: "post", path: "/api/activities", tag: "Activities", summary: "Sends 1 to 1,000 activities: the valid ones are kept (each once), the others named", permission: "activities:write", body: addActivitiesDocument, responses: { 200: ok(addedActivities) } },

  { method: "get", path: "/api/imports", tag: "Imports", summary: "The company's imports, newest first", permission: "leads:read", responses: { 200: ok(z.object({ imports: z.array(s.importView) })) } },
  {
    method: "post",
    path: "/api/imports",
    tag: "Imports",
    summary: "Uploads a CSV or an Excel workbook (.xlsx); it is imported in the background (poll GET /api/imports/{id})",
    permission: "imports:write",
    // The company was deleted while its upload arrived.
    errors: ["not_found"],
    multipart: {
      file: "The CSV or .xlsx file (last field)",
      kind: { description: 'Optional: "leads" (default) or "activities" (what leads did: docs/activities.md#importing-activity-files)', values: IMPORT_KINDS },
      mapping: {
        description:
          'Optional JSON array, as many entries as the file has columns. Leads: the lead field of each column, or null (extra data). Activities: email, type, occurredAt, detail, source, eventId, "counted" (the header is a type, the cell a count or yes/no) or null (ignored)',
        json: z.union([mappingSchema, activityMappingSchema]),
      },
      outcomeValues: { description: 'Optional JSON object: { "<value>": "won" | "lost" | "open" }', json: outcomeValuesSchema },
      sheet: "Optional, for a workbook: the name of the sheet to import (default: the first sheet with leads)",
    },
    responses: {
      202: ok(z.object({ import: s.importView }), 'Accepted once the file is stored: the import is "running" (the server that received it reads a CSV as it arrives) or "queued"'),
    },
  },
  {
    method: "post",
    path: "/api/imports/preview",
    tag: "Imports",
    summary: "What LeadRank reads in a file, without importing it: a CSV's format, header and first rows, or a workbook's sheets with leads",
    permission: "imports:write",
    multipart: { file: "The CSV or .xlsx file" },
    responses: { 200: ok(z.object({ preview: s.filePreview })) },
  },
  { method: "get", path: "/api/imports/{id}", tag: "Imports", summary: "An import's state, progress and counts", permission: "leads:read", responses: { 200: ok(z.object({ import: s.importView })) } },
  { method: "delete", path: "/api/imports/{id}", tag: "Imports", summary: "Undoes a finished import", permission: "imports:write", errors: ["already_undone", "not_finished", "undo_blocked"], responses: { 200: ok(z.object({ import: s.importView })) } },
  { method: "get", path: "/api/imports/{id}/unknown-emails", tag: "Imports", summary: "An activity import's emails that are not among the leads yet, with their activity counts, as CSV", permission: "leads:read", responses: { 200: { description: "CSV", csv: true } } },
  { method: "get", path: "/api/imports/{id}/rejected", tag: "Imports", summary: "The rows an import could not use, with the reason, as CSV", permission: "leads:read", responses: { 200: { description: "CSV", csv: true } } },

  { method: "get", path: "/api/models", tag: "Scoring models", summary: "The company's models and their versions", permission: "leads:read", responses: { 200: ok(z.object({ models: z.array(s.modelSummary) })) } },
  { method: "post", path: "/api/models", tag: "Scoring models", summary: "A new model with a draft, from a definition or a template", permission: "models:edit", body: createModelInput, model: true, errors: ["invalid_model"], responses: created(z.object({ model: s.modelDetail })) },
  { method: "get", path: "/api/models/{id}", tag: "Scoring models", summary: "A model with its draft and every version's definition", permission: "leads:read", responses: { 200: ok(z.object({ model: s.modelDetail })) } },
  { method: "put", path: "/api/models/{id}/draft", tag: "Scoring models", summary: "Saves the draft (422 invalid_model with issues)", permission: "models:edit", body: z.object({ definition: scoringModelSchema }), model: true, responses: { 200: ok(z.object({ model: s.modelDetail })) } },
  { method: "delete", path: "/api/models/{id}/draft", tag: "Scoring models", summary: "Discards the draft", permission: "models:edit", responses: { 200: ok(z.object({ deleted: z.boolean() })) } },
  { heavy: true, method: "post", path: "/api/models/{id}/preview", tag: "Scoring models", summary: "What publishing the draft (or the definition sent) would do; writes nothing", permission: "models:edit", body: s.definitionBody.partial(), model: true, errors: ["no_draft"], responses: { 200: ok(s.preview) } },
  { method: "post", path: "/api/models/{id}/publish", tag: "Scoring models", summary: "Publishes the draft; the re-score runs in the background", permission: "models:publish", body: s.publishBody, errors: ["no_draft", "invalid_model"], responses: { 202: ok(s.published, "Accepted: re-scoring") } },
  { method: "post", path: "/api/models/{id}/activate", tag: "Scoring models", summary: "Makes the model's latest version the active one", permission: "models:publish", errors: ["already_active"], responses: { 202: ok(s.published, "Accepted: re-scoring") } },
  { method: "post", path: "/api/models/{id}/restore", tag: "Scoring models", summary: "Makes a draft from a published version", permission: "models:edit", body: s.restoreBody, errors: ["invalid_model"], responses: { 200: ok(z.object({ model: s.modelDetail })) } },
  { method: "get", path: "/api/scoring-jobs/{id}", tag: "Scoring models", summary: "A re-score's state and progress", permission: "leads:read", responses: { 200: ok(z.object({ job: s.scoringJob })) } },
  { method: "post", path: "/api/scoring-jobs/{id}/retry", tag: "Scoring models", summary: "Queues a failed re-score again", permission: "models:publish", errors: ["not_failed"], responses: { 202: ok(z.object({ job: s.scoringJob })) } },

  { heavy: true, method: "get", path: "/api/insights", tag: "Outcomes", summary: "How well the score predicts won and lost leads", permission: "leads:read", responses: { 200: ok(s.insights) } },
  { heavy: true, method: "post", path: "/api/insights/suggested-model", tag: "Outcomes", summary: "A better model fitted on the outcomes (from 50 won and 50 lost)", permission: "models:edit", errors: ["not_enough_outcomes"], responses: { 200: ok(s.suggestion) } },

  { method: "get", path: "/api/members", tag: "Team", summary: "The company's members and their roles", permission: "leads:read", responses: { 200: ok(z.object({ members: z.array(s.memberView) })) } },
  { method: "patch", path: "/api/members/{id}", tag: "Team", summary: "Changes a member's role (the last owner stays an owner)", permission: "members:manage", body: roleSchema, errors: ["last_owner"], responses: { 200: ok(z.object({ member: s.memberView })) } },
  { method: "delete", path: "/api/members/{id}", tag: "Team", summary: "Removes a member: their sessions and tokens stop at once", permission: "members:manage", errors: ["last_owner"], responses: noContent },
  {
    method: "post",
    path: "/api/invitations",
    tag: "Team",
    summary: "Invites an email with a role: a single-use link valid 7 days",
    permission: "members:manage",
    body: createInvitationSchema,
    errors: ["already_member"],
    responses: created(z.looseObject({ invitation: s.invitationView.extend({ url: z.string().describe("The link, shown only now") }), emailed: z.boolean() })),
  },
  { method: "get", path: "/api/invitations", tag: "Team", summary: "Pending invitations", permission: "members:manage", responses: { 200: ok(z.object({ invitations: z.array(s.invitationView) })) } },
  { method: "delete", path: "/api/invitations/{id}", tag: "Team", summary: "Revokes an invitation", permission: "members:manage", responses: noContent },
  {
    method: "post",
    path: "/api/invitations/{id}/resend",
    tag: "Team",
    summary: "Sends the invitation again with a new link",
    permission: "members:manage",
    errors: ["already_member"],
    responses: created(z.looseObject({ invitation: s.invitationView.extend({ url: z.string() }), emailed: z.boolean() })),
  },
  { method: "post", path: "/api/tokens", tag: "Team", summary: "Creates a personal API token; its secret is shown only in this answer", permission: "tokens:own", body: createTokenSchema, responses: created(z.object({ token: s.tokenView.extend({ secret: z.string().describe("lr_…: shown once") }) })) },
  { method: "get", path: "/api/tokens", tag: "Team", summary: "Your tokens (owners: everyone's), without secrets", permission: "tokens:own", responses: { 200: ok(z.object({ tokens: z.array(s.tokenView) })) } },
  { method: "delete", path: "/api/tokens/{id}", tag: "Team", summary: "Revokes a token: its next request gets 401", permission: "tokens:own", responses: noContent },
  { method: "get", path: "/api/audit", tag: "Team", summary: "The audit log, newest first, 50 a page", permission: "audit:read", query: auditQuery, responses: { 200: ok(z.object({ events: z.array(s.auditEventView), page: z.int(), pageSize: z.int(), total: z.int() })) } },
];

const jsonSchema = (schema: z.ZodType, io: "input" | "output") => z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;

function parameters(operation: Operation) {
  const path = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } }));
  const query = operation.query
    ? Object.entries((jsonSchema(operation.query, "input").properties ?? {}) as Record<string, Record<string, unknown>>).map(([name, schema]) => ({ name, in: "query", required: false, schema }))
    : [];
  return [...path, ...query];
}

/** A multipart field: a string; the file's bytes; or JSON text, with the schema of what it holds (`contentSchema`). */
function multipartField(name: string, field: NonNullable<Operation["multipart"]>[string]) {
  if (typeof field === "string") return { type: "string", description: field, ...(name === "file" ? { contentEncoding: "binary" } : {}) };
  if ("values" in field) return { type: "string", description: field.description, enum: [...field.values] };
  const contentSchema = jsonSchema(field.json, "input");
  delete contentSchema.$schema;
  return { type: "string", description: field.description, contentMediaType: "application/json", contentSchema };
}

/** What each error code means, as the document says it. */
const ERROR_MEANING: Record<ErrorCode, string> = {
  bad_request: "the request is malformed: not JSON, not multipart, a file part without a file",
  unauthenticated: "no session cookie or API token, or the token was revoked or expired",
  forbidden: "the role does not allow this",
  cross_site: "a browser's request from another site",
  wrong_account: "signed in as someone else than the invitation names",
  not_found: "nothing of that id in your company",
  method_not_allowed: "the path does not take this method (see Allow)",
  already_active: "the model is the active one already",
  already_member: "the person is a member already",
  already_undone: "the import was undone already",
  company_busy: "an import or re-score holds the company; try again when it has finished",
  email_taken: "an account with this email exists",
  last_owner: "the company's last owner stays an owner",
  no_draft: "the model has no draft",
  not_enough_outcomes: "fewer than 50 won and 50 lost leads (`closed`, `needs`)",
  not_failed: "only a failed re-score can be tried again",
  not_finished: "only a finished import can be undone",
  sample_running: "a sample import is on its way",
  undo_blocked: "a later import changed these leads",
  invitation_expired: "the invitation has expired",
  reset_invalid: "the reset link has expired or was used",
  body_too_large: "the JSON body is over 1 MB",
  file_too_large: "the file is over the upload limit",
  invalid_request: "a value is not acceptable; `issues: [{ path, message }]` names each",
  invalid_model: "the scoring model is not valid; `issues: [{ path, message }]` names each",
  busy: "the company already has a preview, suggestion or insights being worked out (see Retry-After)",
  rate_limited: "the token made too many requests this minute (see Retry-After)",
  too_many_attempts: "too many sign-in attempts (see Retry-After)",
  internal_error: "a fault of LeadRank's",
  database_unavailable: "the database is not reachable right now",
  too_slow: "the work took longer than its time budget (60 s) and was stopped",
};

/** Every error code an operation may answer: those of its kind (signed in, with an id, a body, heavy work) and its own. */
export function errorCodes(operation: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>(operation.errors ?? []);
  if (operation.permission) for (const code of ["unauthenticated", "forbidden", "rate_limited", "database_unavailable"] as const) codes.add(code);
  if (operation.permission && operation.method !== "get") codes.add("cross_site");
  if (operation.path.includes("{")) codes.add("not_found");
  if (operation.query || operation.body || operation.multipart) codes.add("invalid_request");
  if (operation.body || operation.multipart) codes.add("bad_request");
  if (operation.body) codes.add(operation.model ? "invalid_model" : "body_too_large");
  if (operation.multipart) codes.add("file_too_large");
  if (operation.heavy) codes.add("busy").add("too_slow");
  return [...codes].sort();
}

function responses(operation: Operation) {
  const out: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    out[status] = {
      description: response.description,
      ...(response.schema ? { content: { "application/json": { schema: jsonSchema(response.schema, "output") } } } : {}),
      ...(response.csv ? { content: { "text/csv": { schema: { type: "string" } } } } : {}),
    };
  }
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodes(operation)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    if (out[status]) continue;
    out[status] = {
      description: codes.map((code) => `\`${code}\`: ${ERROR_MEANING[code]}`).join("; "),
      "x-error-codes": codes,
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return out;
}

/** The OpenAPI 3.1 document of every route. */
export function openApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    paths[operation.path] ??= {};
    paths[operation.path][operation.method] = {
      operationId: `${operation.method}${operation.path.replace(/^\/api/, "").replace(/[{}]/g, "").replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      summary: operation.summary,
      tags: [operation.tag],
      ...(operation.permission ? { "x-permission": operation.permission, "x-lowest-role": lowestRole(operation.permission) } : { security: [] }),
      parameters: parameters(operation),
      ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(operation.body, "input") } } } } : {}),
      ...(operation.multipart
        ? {
            requestBody: {
              required: true,
              content: {
                "multipart/form-data": {
                  schema: { type: "object", required: ["file"], properties: Object.fromEntries(Object.entries(operation.multipart).map(([name, field]) => [name, multipartField(name, field)])) },
                },
              },
            },
          }
        : {}),
      responses: responses(operation),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "LeadRank API",
      version: "1",
      license: { name: "Proprietary: LeadRank's own; the API is for LeadRank's customers and their tools" },
      description:
        "Every route works with the browser's session cookie or a personal API token (Authorization: Bearer lr_…, created in Settings). The token's company and role apply: x-permission names what the role must allow and x-lowest-role the lowest role that has it (viewer < member < owner). Errors are { \"error\": { \"code\", \"message\" } }, the code one of a closed list (each operation names its own under its statuses, in x-error-codes); 422 invalid_request and invalid_model add \"issues\": [{ \"path\", \"message\" }].",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token, lr_…" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: { Error: jsonSchema(s.errorBody, "output"), ScoringModel: jsonSchema(scoringModelSchema, "input") },
    },
    tags: [...new Set(OPERATIONS.map((o) => o.tag))].map((name) => ({ name, description: TAGS[name] })),
    paths,
  };
}
