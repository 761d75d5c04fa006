import { NextResponse } from "next/server";
import { notFound, withTenant } from "@/lib/http";
import { getModel } from "@/lib/models/models";

/** The model with its draft and every published version's definition. */
export const GET = withTenant<{ id: string }>(async (_request, { companyId }, { id }) => {
  const model = await getModel(companyId, id);
  return model ? NextResponse.json({ model }) : notFound("This model");
}, { permission: "leads:read" });
