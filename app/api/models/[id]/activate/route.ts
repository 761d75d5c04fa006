import { NextResponse } from "next/server";
import { idParam, withTenant } from "@/lib/http";
import { activateModel } from "@/lib/models/publish";

/** Makes the model's latest published version the active one (re-scoring in the background): 202. */
export const POST = withTenant(async ({ principal, params: { id } }) => NextResponse.json(await activateModel(principal.companyId, id, principal), { status: 202 }), {
  permission: "models:publish",
  params: idParam("This model"),
});
