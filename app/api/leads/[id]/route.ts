import { NextResponse } from "next/server";
import { notFound, withTenant } from "@/lib/http";
import { getLead } from "@/lib/leads/get-lead";

export const GET = withTenant<{ id: string }>(async (_request, { companyId }, { id }) => {
  const lead = await getLead(companyId, id);
  return lead ? NextResponse.json({ lead }) : notFound("This lead");
});
