import { NextResponse } from "next/server";
import { notFound } from "@/lib/errors";
import { idParam, withTenant } from "@/lib/http";
import { getModel } from "@/lib/models/models";

/** The model with its draft and every published version's definition. */
export const GET = withTenant(async ({ principal: { companyId }, params: { id } }) => {
  const model = await getModel(companyId, id);
  if (!model) throw notFound("This model");
  return NextResponse.json({ model });
}, { permission: "leads:read", params: idParam("This model") });
