import { NextResponse } from "next/server";
import { jsonError, notFound, readJson, withTenant } from "@/lib/http";
import { outcomeBody } from "@/lib/api/schemas";
import { getLead } from "@/lib/leads/get-lead";
import { getActiveVersion } from "@/lib/models/models";
import { setOutcome } from "@/lib/outcomes/set-outcome";

/** The lead, with the version its score came from (`scoredWith`, e.g. "Iberian fintech v4"). */
export const GET = withTenant<{ id: string }>(async (_request, { companyId }, { id }) => {
  const [lead, version] = await Promise.all([getLead(companyId, id), getActiveVersion(companyId)]);
  return lead ? NextResponse.json({ lead: { ...lead, scoredWith: version.label, scoredWithVersion: { modelId: version.modelId, version: version.version } } }) : notFound("This lead");
}, { permission: "leads:read" });

/** Sets the lead's outcome: `{ "outcome": "won" | "lost" | "open" }`. */
export const PATCH = withTenant<{ id: string }>(async (request, principal, { id }) => {
  const { companyId } = principal;
  const body = outcomeBody.safeParse(await readJson(request));
  if (!body.success) return jsonError(422, "invalid_outcome", body.error.issues[0].message);
  if (!(await getLead(companyId, id))) return notFound("This lead");
  await setOutcome(companyId, [id], body.data.outcome, principal);
  return NextResponse.json({ lead: await getLead(companyId, id) });
}, { permission: "outcomes:write" });
