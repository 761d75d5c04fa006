/**
 * The request bodies and responses of LeadRank's JSON API, in one place: the routes parse
 * with these schemas, and the OpenAPI document (lib/api/openapi.ts) is generated from them.
 * Response objects are open (`looseObject`): fields may be added, never renamed.
 */
import { z } from "zod";
import { id } from "@/lib/views";
import { OUTCOMES } from "@/lib/csv/outcome";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { GRADES } from "@/lib/scoring/engine";

export const errorBody = z.object({
  error: z.looseObject({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]).describe("Stable, machine-readable: one of a closed list, each with its status (docs/api.md)"),
    message: z.string().describe("For a person to read"),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe("With invalid_request and invalid_model: each value that is not acceptable"),
  }),
});

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

export const publishBody = z.object({ note: z.string().max(500, "A note of at most 500 characters.").optional().describe("What changed and why") });
export const restoreBody = z.object({ version: z.number().int().min(1).describe("A published version's number") });
export const definitionBody = z.object({ definition: z.unknown().meta({ $ref: "#/components/schemas/ScoringModel", description: "A scoring model definition (docs/scoring.md)" }) });
export const outcomeBody = z.object({ outcome: z.enum(OUTCOMES, { error: 'outcome is "won", "lost" or "open".' }) });

export const lead = z.looseObject({
  id,
  email: z.string(),
  fullName: nullable(z.string()),
  jobTitle: nullable(z.string()),
  companyName: nullable(z.string()),
  score: z.int().min(0).max(100),
  grade: z.enum(GRADES),
  outcome: z.enum(OUTCOMES),
});
export const leadsPage = z.looseObject({ leads: z.array(lead), total: z.int(), totalIsExact: z.boolean(), page: z.int(), pageSize: z.int() });
export const leadBody = z.object({ lead: lead.extend({ breakdown: z.record(z.string(), z.number()) }) });

const countOf = z.object({ activities: z.int(), people: z.int() });
export const importView = z.looseObject({
  id,
  kind: z.enum(["leads", "activities"]).describe("What the file brought in"),
  fileName: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed", "undone"]),
  totalRows: z.int(),
  processedRows: z.int(),
  createdCount: z.int(),
  updatedCount: z.int(),
  rejectedCount: z.int(),
  duplicateCount: z.int(),
  sheet: nullable(z.string()),
  error: nullable(z.string()),
  activitySummary: nullable(
    z.looseObject({
      activities: z.int().describe("Activities the rows held: createdCount + duplicateCount"),
      cutRows: z.int().describe("Rows kept with a text cut to its limit"),
      emptyRows: z.int().describe("Rows of a file with one column per type that counted no activity"),
      known: countOf.describe("Activities added for emails among the company's leads, and how many people"),
      unknown: countOf.describe("Activities added for emails not among the leads yet (GET /api/imports/{id}/unknown-emails lists them)"),
    }),
  ).describe("An activity import's findings, once it succeeded; null for a lead import"),
});

const table = { headers: z.array(z.string()), rows: z.array(z.array(z.string())) };
export const filePreview = z.discriminatedUnion("kind", [
  z.looseObject({ kind: z.literal("csv"), encoding: z.string(), delimiter: z.string(), ...table }),
  z.looseObject({ kind: z.literal("xlsx"), sheet: z.string(), sheets: z.array(z.looseObject({ name: z.string(), ...table })), ...table }),
]);

export const dashboard = z.looseObject({
  kpis: z.looseObject({ total: z.int() }),
  top: z.array(z.looseObject({ id, score: z.int() })),
  trend: z.array(z.looseObject({ day: z.string() })),
});

const versionView = z.looseObject({ version: z.int(), status: z.string() });
export const modelSummary = z.looseObject({ id, name: z.string(), active: z.boolean(), versions: z.array(versionView) });
export const modelDetail = z.looseObject({ id, name: z.string(), draft: nullable(z.looseObject({ definition: z.looseObject({ name: z.string() }) })), versions: z.array(versionView) });
export const scoringJob = z.looseObject({
  id,
  status: z.enum(["queued", "running", "succeeded", "failed"]),
  processed: z.int().optional(),
  total: z.int().optional(),
});
export const published = z.looseObject({ version: z.int(), job: z.looseObject({ id, status: z.string() }) });
export const preview = z.looseObject({ leads: z.int(), changed: z.int(), up: z.int(), down: z.int(), same: z.int(), histogram: z.array(z.looseObject({ bucket: z.string(), now: z.int(), draft: z.int() })) });
export const insights = z.looseObject({ closed: z.object({ won: z.int(), lost: z.int() }) });
export const suggestion = z.looseObject({ better: z.boolean(), message: z.string(), fitted: z.object({ won: z.int(), lost: z.int(), sampled: z.boolean() }), definition: z.looseObject({ name: z.string() }), cv: z.looseObject({ current: z.number(), suggested: z.number() }), diff: z.array(z.looseObject({ kind: z.string(), what: z.string() })), closed: z.object({ won: z.int(), lost: z.int() }) });

// The views of the team's domains are theirs (lib/<domain>/schemas.ts); the document reads them there.
export { auditEventView } from "@/lib/audit/schemas";
export { invitationView, memberView } from "@/lib/teams/schemas";
export { tokenView } from "@/lib/tokens/schemas";
