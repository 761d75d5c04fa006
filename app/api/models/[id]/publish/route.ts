import { NextResponse } from "next/server";
import { publishBody } from "@/lib/api/schemas";
import { jsonError, readJson, withTenant } from "@/lib/http";
import { publishDraft } from "@/lib/models/scoring-jobs";

/** Publishes the draft as the next version and queues the re-score that makes it active: 202 at once. */
export const POST = withTenant<{ id: string }>(async (request, principal, { id }) => {
  const body = publishBody.safeParse(await readJson(request));
  if (!body.success) return jsonError(422, "invalid_note", body.error.issues[0].message);
  return NextResponse.json(await publishDraft(principal.companyId, principal, id, body.data.note), { status: 202 });
}, { permission: "models:publish" });
