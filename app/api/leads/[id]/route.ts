import { NextResponse } from "next/server";
import { notFound, withTenant } from "@/lib/http";
import { getLead } from "@/lib/leads/get-lead";
import { getActiveVersion } from "@/lib/models/models";

/** The lead, with the version its score came from (`scoredWith`, e.g. "Iberian fintech v4"). */
export const GET = withTenant<{ id: string }>(async (_request, { companyId }, { id }) => {
  const [lead, version] = await Promise.all([getLead(companyId, id), getActiveVersion(companyId)]);
  return lead ? NextResponse.json({ lead: { ...lead, scoredWith: version.label, scoredWithVersion: { modelId: version.modelId, version: version.version } } }) : notFound("This lead");
});
