import { NextResponse } from "next/server";
import { jsonError, readModelJson, withTenant } from "@/lib/http";
import { createModel, createModelInput, listModels } from "@/lib/models/models";

/** The company's scoring models and their versions. */
export const GET = withTenant(async (_request, { companyId }) => NextResponse.json({ models: await listModels(companyId) }), { permission: "leads:read" });

/** A new model with a draft: `{ name, definition }` or `{ name, from: "b2b-saas" | "lifescience-3d-invitro" | "blank" | "active" }`. */
export const POST = withTenant(async (request, principal) => {
  const input = createModelInput.safeParse(await readModelJson(request));
  if (!input.success) return jsonError(400, "bad_request", input.error.issues[0].message === "Invalid input" ? "Send { name, definition } or { name, from }." : input.error.issues[0].message);
  const model = await createModel(principal.companyId, input.data, principal);
  return NextResponse.json({ model }, { status: 201 });
}, { permission: "models:edit" });
