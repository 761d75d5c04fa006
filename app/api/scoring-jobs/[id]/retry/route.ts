import { NextResponse } from "next/server";
import { withTenant } from "@/lib/http";
import { retryScoringJob } from "@/lib/models/scoring-jobs";

/** Queues a failed re-score again: 202. */
export const POST = withTenant<{ id: string }>(async (_request, principal, { id }) => NextResponse.json({ job: await retryScoringJob(principal.companyId, id, principal) }, { status: 202 }), { permission: "models:publish" });
