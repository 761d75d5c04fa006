import { NextResponse } from "next/server";
import { publishBody } from "@/lib/api/schemas";
import { idParam, withTenant } from "@/lib/http";
import { publishDraft } from "@/lib/models/publish";

/** Publishes the draft as the next version and queues the re-score that makes it active: 202 at once. */
export const POST = withTenant(
  async ({ principal, params: { id }, body }) => NextResponse.json(await publishDraft(principal.companyId, principal, id, body.note), { status: 202 }),
  { permission: "models:publish", params: idParam("This model"), body: publishBody },
);
