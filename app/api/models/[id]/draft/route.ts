import { NextResponse } from "next/server";
import { readModelJson, withTenant } from "@/lib/http";
import { discardDraft, saveDraft } from "@/lib/models/models";

/** Saves the draft: `{ definition }`; 422 `invalid_model` with `issues` when it is not valid. */
export const PUT = withTenant<{ id: string }>(async (request, principal, { id }) => {
  const body = (await readModelJson(request)) as { definition?: unknown };
  const model = await saveDraft(principal.companyId, id, body?.definition, principal);
  return NextResponse.json({ model });
}, { permission: "models:edit" });

/** Discards the draft (a model never published goes with it). */
export const DELETE = withTenant<{ id: string }>(async (_request, principal, { id }) => NextResponse.json(await discardDraft(principal.companyId, id, principal)), { permission: "models:edit" });
