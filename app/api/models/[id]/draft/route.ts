import { NextResponse } from "next/server";
import { definitionBody } from "@/lib/api/schemas";
import { idParam, withTenant } from "@/lib/http";
import { discardDraft, saveDraft } from "@/lib/models/models";

/** Saves the draft: `{ definition }`; 422 `invalid_model` with `issues` when it is not valid. */
export const PUT = withTenant(
  async ({ principal, params: { id }, body }) => NextResponse.json({ model: await saveDraft(principal.companyId, id, body.definition, principal) }),
  { permission: "models:edit", params: idParam("This model"), body: definitionBody, model: true },
);

/** Discards the draft (a model never published goes with it). */
export const DELETE = withTenant(async ({ principal, params: { id } }) => NextResponse.json(await discardDraft(principal.companyId, id, principal)), {
  permission: "models:edit",
  params: idParam("This model"),
});
