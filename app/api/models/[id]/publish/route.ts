import { NextResponse } from "next/server";
import { readJson, withTenant } from "@/lib/http";
import { publishDraft } from "@/lib/models/scoring-jobs";

/** Publishes the draft as the next version and queues the re-score that makes it active: 202 at once. */
export const POST = withTenant<{ id: string }>(async (request, principal, { id }) => {
  const body = (await readJson(request)) as { note?: unknown };
  const note = typeof body?.note === "string" ? body.note.slice(0, 500) : undefined;
  return NextResponse.json(await publishDraft(principal.companyId, principal, id, note), { status: 202 });
}, { permission: "models:publish" });
