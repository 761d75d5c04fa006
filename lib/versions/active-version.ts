import type pg from "pg";
import { prisma } from "@/lib/db/client";
import { checkScoringModel, type ScoringModel } from "@/lib/scoring";

/**
 * The published versions of a company's scoring models, and which one is active
 * (`Company.activeVersionId`): every lead's stored score, grade and breakdown is what the
 * active version gives. The one place that reads it, for pages and for bulk work (imports,
 * undos, re-scores, previews, insights, exports).
 */
export type ModelVersion = { id: string; modelId: string; version: number; definition: ScoringModel; label: string };

/** How the studio, the lead detail and the export name a version: "Iberian fintech v4". */
export const versionLabel = (name: string, version: number) => `${name} v${version}`;

type VersionRow = { id: string; modelId: string; version: number; definition: unknown };

// Published versions never change: each is parsed once per process.
const parsed = new Map<string, ScoringModel>();
function definitionOf(versionId: string, stored: unknown): ScoringModel {
  let definition = parsed.get(versionId);
  if (!definition) {
    const result = checkScoringModel(stored);
    if (!result.ok) throw new Error(`Model version ${versionId} does not parse: ${JSON.stringify(result.issues)}`);
    definition = result.model;
    if (parsed.size > 1000) parsed.clear();
    parsed.set(versionId, definition);
  }
  return definition;
}

/** A version as read from its row (with its columns, VERSION_COLUMNS). */
export function toModelVersion(row: VersionRow): ModelVersion {
  const definition = definitionOf(row.id, row.definition);
  return { id: row.id, modelId: row.modelId, version: row.version, definition, label: versionLabel(definition.name, row.version) };
}

export const VERSION_COLUMNS = { id: true, modelId: true, version: true, definition: true } as const;

/**
 * The version every lead of the company is scored with. Bulk work passes the connection it
 * works through (`on`): inside its company transaction or snapshot, that is the version the
 * work sees, whatever is published meanwhile.
 */
export async function activeVersion(companyId: string, on?: pg.Client): Promise<ModelVersion> {
  const row = on
    ? (await on.query<VersionRow>(`SELECT v."id", v."modelId", v."version", v."definition" FROM "Company" c JOIN "ModelVersion" v ON v."id" = c."activeVersionId" WHERE c."id" = $1`, [companyId])).rows[0]
    : (await prisma.company.findUnique({ where: { id: companyId }, select: { activeVersion: { select: VERSION_COLUMNS } } }))?.activeVersion;
  // Every company has one from its first moment (startFirstModel): without one, something is broken.
  if (!row) throw new Error(`Company ${companyId} has no active scoring model.`);
  return toModelVersion(row);
}

/** A published version read on `client` (a re-score's own version, inside its company transaction). */
export async function versionOn(client: pg.Client, versionId: string): Promise<ModelVersion> {
  const { rows } = await client.query<VersionRow>(`SELECT "id", "modelId", "version", "definition" FROM "ModelVersion" WHERE "id" = $1`, [versionId]);
  if (rows.length === 0) throw new Error(`The scoring model version ${versionId} does not exist.`);
  return toModelVersion(rows[0]);
}
