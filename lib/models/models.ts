import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { recordAudit, type Actor } from "@/lib/audit/audit";
import { AppError, invalidValue, notFound } from "@/lib/errors";
import { checkScoringModel, STARTING_POINTS, templateDefinition, type ScoringModel } from "@/lib/scoring";
import { activeVersion, toModelVersion, VERSION_COLUMNS } from "@/lib/versions/active-version";
import { isId } from "@/lib/ids";

/**
 * A company's scoring models. A model has numbered published versions, which never change
 * (the database refuses it), and at most one draft: the definition being edited, stored on
 * the model. One published version is the company's active one (lib/versions).
 */

/**
 * Gives a new company its first model: the template as version 1, active. Runs inside the
 * transaction that creates the company.
 */
export async function startFirstModel(tx: Prisma.TransactionClient, companyId: string, templateId: string): Promise<void> {
  const definition = templateDefinition(templateId);
  if (!definition) throw invalidValue("scoringModelId", `There is no template "${templateId}".`);
  const model = await tx.scoringModel.create({
    data: { companyId, name: definition.name, versions: { create: { companyId, version: 1, definition, note: `Started from the ${definition.name} template.` } } },
    select: { versions: { select: { id: true } } },
  });
  await tx.company.update({ where: { id: companyId }, data: { activeVersionId: model.versions[0].id } });
}

/** A definition checked as the API and the editor send it; 422 with every problem otherwise. */
export function validDefinition(input: unknown): ScoringModel {
  const result = checkScoringModel(input);
  if (result.ok) return result.model;
  const first = result.issues[0];
  throw new AppError("invalid_model", `The model is not valid: ${first.path ? `${first.path}: ` : ""}${first.message}.`, { issues: result.issues });
}

const publisherName = (user: { name: string; email: string } | null) => (user ? user.name || user.email : null);

/** The company's models with their versions (the draft listed as the next version). */
export async function listModels(companyId: string) {
  const [models, company] = await Promise.all([
    prisma.scoringModel.findMany({
      where: { companyId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        name: true,
        draft: true,
        draftUpdatedAt: true,
        versions: { orderBy: { version: "asc" }, select: { id: true, version: true, publishedAt: true, note: true, publishedBy: { select: { name: true, email: true } } } },
      },
    }),
    prisma.company.findUnique({ where: { id: companyId }, select: { activeVersionId: true } }),
  ]);
  return models.map((model) => {
    const versions = model.versions.map((v) => ({
      version: v.version,
      status: "published" as const,
      publishedAt: v.publishedAt,
      publishedBy: publisherName(v.publishedBy),
      note: v.note,
      active: v.id === company?.activeVersionId,
    }));
    const next = (model.versions.at(-1)?.version ?? 0) + 1;
    return {
      id: model.id,
      name: model.name,
      active: versions.some((v) => v.active),
      versions: model.draft ? [...versions, { version: next, status: "draft" as const, publishedAt: null, publishedBy: null, note: null, active: false }] : versions,
    };
  });
}

/** One model of the company with its draft and every version's definition, or null. */
export async function getModel(companyId: string, modelId: string) {
  if (!isId(modelId)) return null;
  const model = await prisma.scoringModel.findFirst({
    where: { id: modelId, companyId },
    select: {
      id: true,
      name: true,
      draft: true,
      draftUpdatedAt: true,
      versions: {
        orderBy: { version: "asc" },
        select: { ...VERSION_COLUMNS, publishedAt: true, note: true, publishedBy: { select: { name: true, email: true } } },
      },
      company: { select: { activeVersionId: true } },
    },
  });
  if (!model) return null;
  const next = (model.versions.at(-1)?.version ?? 0) + 1;
  return {
    id: model.id,
    name: model.name,
    active: model.versions.some((v) => v.id === model.company.activeVersionId),
    draft: model.draft ? { version: next, definition: model.draft as ScoringModel, updatedAt: model.draftUpdatedAt } : null,
    versions: model.versions.map((v) => {
      const { label, definition } = toModelVersion(v);
      return {
        id: v.id,
        version: v.version,
        status: "published" as const,
        label,
        publishedAt: v.publishedAt,
        publishedBy: publisherName(v.publishedBy),
        note: v.note,
        active: v.id === model.company.activeVersionId,
        definition,
      };
    }),
  };
}

/** The definition a new model starts from: a template, the active version, or one given. */
async function startingDefinition(companyId: string, from: string): Promise<ScoringModel> {
  if (from === "active") return (await activeVersion(companyId)).definition;
  const definition = templateDefinition(from);
  if (!definition) throw invalidValue("from", `Start from one of: ${STARTING_POINTS.map(([id]) => id).join(", ")}.`);
  return definition;
}

const modelName = z.string().trim().min(1, "Give the model a name.").max(100, "A name of at most 100 characters.");
export const createModelInput = z.union([
  // The definition is checked by validDefinition, which answers 422 with every problem and its path.
  z.object({ name: modelName, definition: z.unknown().refine((v) => v !== undefined, "definition is missing.").meta({ $ref: "#/components/schemas/ScoringModel" }) }),
  z.object({ name: modelName, from: z.enum(STARTING_POINTS.map(([id]) => id) as [string, ...string[]]) }),
]);

/** A new model whose draft (version 1) is the given definition or a copy of a template. */
export async function createModel(companyId: string, input: z.infer<typeof createModelInput>, actor?: Actor | null) {
  const base = "definition" in input ? validDefinition(input.definition) : await startingDefinition(companyId, input.from);
  const definition = { ...base, name: input.name };
  const model = await prisma.$transaction(async (tx) => {
    const created = await tx.scoringModel.create({
      data: { companyId, name: definition.name, draft: definition, draftUpdatedAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, companyId, actor, "model.create", { target: created.id, detail: { name: definition.name, from: "from" in input ? input.from : "definition" } });
    return created;
  });
  return (await getModel(companyId, model.id))!;
}

/** Saves the model's draft (creating it if there is none); 404 for another company's model. */
export async function saveDraft(companyId: string, modelId: string, input: unknown, actor?: Actor | null, audit: { action: "model.draft_save" | "model.restore"; detail?: Record<string, unknown> } = { action: "model.draft_save" }) {
  const definition = validDefinition(input);
  if (!isId(modelId)) throw notFound("This model");
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.scoringModel.updateMany({ where: { id: modelId, companyId }, data: { draft: definition, draftUpdatedAt: new Date(), name: definition.name } });
    if (count === 0) throw notFound("This model");
    await recordAudit(tx, companyId, actor, audit.action, { target: modelId, detail: { name: definition.name, ...audit.detail } });
  });
  return (await getModel(companyId, modelId))!;
}

/** Drops the draft. A model that was never published goes with it. */
export async function discardDraft(companyId: string, modelId: string, actor?: Actor | null): Promise<{ deleted: boolean }> {
  const model = await getModel(companyId, modelId);
  if (!model) throw notFound("This model");
  const deleted = model.versions.length === 0;
  await prisma.$transaction(async (tx) => {
    if (deleted) await tx.scoringModel.deleteMany({ where: { id: modelId, companyId } });
    else await tx.scoringModel.updateMany({ where: { id: modelId, companyId }, data: { draft: Prisma.DbNull, draftUpdatedAt: null, name: model.versions.at(-1)!.definition.name } });
    await recordAudit(tx, companyId, actor, "model.draft_discard", { target: modelId, detail: { name: model.name, modelDeleted: deleted } });
  });
  return { deleted };
}

/** Makes a draft from a published version ("restore"), replacing the current draft. */
export async function restoreVersion(companyId: string, modelId: string, version: number, actor?: Actor | null) {
  const model = await getModel(companyId, modelId);
  const found = model?.versions.find((v) => v.version === version);
  if (!model || !found) throw notFound("This version");
  return saveDraft(companyId, modelId, found.definition, actor, { action: "model.restore", detail: { version } });
}
