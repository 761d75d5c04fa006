import { NextResponse } from "next/server";
import { definitionBody } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import { notFound } from "@/lib/errors";
import { idParam, withTenant } from "@/lib/http";
import { getModel, validDefinition } from "@/lib/models/models";
import { runHeavy } from "@/lib/threads/heavy";

/**
 * What publishing would do, against the active version, writing nothing: the model's draft,
 * or the `definition` sent (the editor's unsaved state).
 */
export const POST = withTenant(async ({ principal: { companyId }, params: { id }, body }) => {
  const model = await getModel(companyId, id);
  if (!model) throw notFound("This model");
  const definition = body.definition !== undefined ? body.definition : model.draft?.definition;
  if (definition === undefined) throw new AppError("no_draft", "This model has no draft to preview. Edit it first.");
  return NextResponse.json(await runHeavy("preview", { companyId, definition: validDefinition(definition) }));
}, { permission: "models:edit", params: idParam("This model"), body: definitionBody.partial(), model: true });
