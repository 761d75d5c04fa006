import { NextResponse } from "next/server";
import { withTenant } from "@/lib/http";
import { createModel, createModelInput, listModels } from "@/lib/models/models";

/** The company's scoring models and their versions. */
export const GET = withTenant(async ({ principal }) => NextResponse.json({ models: await listModels(principal.companyId) }), { permission: "leads:read" });

/** A new model with a draft: `{ name, definition }` or `{ name, from: "b2b-saas" | "lifescience-3d-invitro" | "blank" | "active" }`. */
export const POST = withTenant(
  async ({ principal, body }) => NextResponse.json({ model: await createModel(principal.companyId, body, principal) }, { status: 201 }),
  { permission: "models:edit", body: createModelInput, model: true },
);
