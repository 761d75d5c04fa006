import { NextResponse } from "next/server";
import { jsonError, notFound, readJson, withTenant } from "@/lib/http";
import { getLead } from "@/lib/leads/get-lead";
import { getActiveVersion } from "@/lib/models/models";
import { outcomeSchema, setOutcome } from "@/lib/outcomes/set-outcome";

/** The lead, with the version its score came from (`scoredWith`, e.g. "Iberian fintech v4"). */
export const GET = withTenant<{ id: string }>(async (_request, { companyId }, { id }) => {
  const [lead, version] = await Promise.all([getLead(companyId, id), getActiveVersion(companyId)]);
  return lead ? NextResponse.json({ lead: { ...lead, scoredWith: version.label, scoredWithVersion: { modelId: version.modelId, version: version.version } } }) : notFound("This lead");
}, { permission: "leads:read" });

/** Sets the lead's outcome: `{ "outcome": "won" | "lost" | "open" }`. */
export const PATCH = withTenant<{ id: string }>(async (request, principal, { id }) => {
  const { companyId } = principal;
  const body = (await readJson(request)) as { outcome?: unknown };
  const outcome = outcomeSchema.safeParse(body?.outcome);
  if (!outcome.success) return jsonError(422, "invalid_outcome", outcome.error.issues[0].message);
  if (!(await getLead(companyId, id))) return notFound("This lead");
  await setOutcome(companyId, [id], outcome.data, principal);
  return NextResponse.json({ lead: await getLead(companyId, id) });
}, { permission: "outcomes:write" });
