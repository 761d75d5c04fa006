import { NextResponse } from "next/server";
import { idParam, withTenant } from "@/lib/http";
import { retryScoringJob } from "@/lib/models/publish";

/** Queues a failed re-score again: 202. */
export const POST = withTenant(async ({ principal, params: { id } }) => NextResponse.json({ job: await retryScoringJob(principal.companyId, id, principal) }, { status: 202 }), {
  permission: "models:publish",
  params: idParam("This re-score"),
});
