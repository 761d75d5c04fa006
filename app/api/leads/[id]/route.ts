import { NextResponse } from "next/server";
import { notFound } from "@/lib/errors";
import { idParam, withTenant } from "@/lib/http";
import { outcomeBody } from "@/lib/api/schemas";
import { getLead } from "@/lib/leads/get-lead";
import { activeVersion } from "@/lib/versions/active-version";
import { setOutcome } from "@/lib/outcomes/set-outcome";

/** The lead, with the version its score came from (`scoredWith`, e.g. "Iberian fintech v4"). */
export const GET = withTenant(async ({ principal: { companyId }, params: { id } }) => {
  const [lead, version] = await Promise.all([getLead(companyId, id), activeVersion(companyId)]);
  if (!lead) throw notFound("This lead");
  return NextResponse.json({ lead: { ...lead, scoredWith: version.label, scoredWithVersion: { modelId: version.modelId, version: version.version } } });
}, { permission: "leads:read", params: idParam("This lead") });

/** Sets the lead's outcome: `{ "outcome": "won" | "lost" | "open" }`. */
export const PATCH = withTenant(async ({ principal, params: { id }, body }) => {
  if (!(await getLead(principal.companyId, id))) throw notFound("This lead");
  await setOutcome(principal.companyId, [id], body.outcome, principal);
  return NextResponse.json({ lead: await getLead(principal.companyId, id) });
}, { permission: "outcomes:write", params: idParam("This lead"), body: outcomeBody });
