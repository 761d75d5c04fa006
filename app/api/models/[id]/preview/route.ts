import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { notFound, readModelJson, withTenant } from "@/lib/http";
import { getModel, validDefinition } from "@/lib/models/models";
import { runHeavy } from "@/lib/threads/heavy";

/**
 * What publishing would do, against the active version, writing nothing: the model's draft,
 * or the `definition` sent (the editor's unsaved state).
 */
export const POST = withTenant<{ id: string }>(async (request, { companyId }, { id }) => {
  const model = await getModel(companyId, id);
  if (!model) return notFound("This model");
  const body = (await readModelJson(request)) as { definition?: unknown };
  const definition = body?.definition !== undefined ? body.definition : model.draft?.definition;
  if (definition === undefined) throw new AppError("no_draft", "This model has no draft to preview. Edit it first.", 409);
  return NextResponse.json(await runHeavy("preview", { companyId, definition: validDefinition(definition) }));
}, { permission: "models:edit" });
