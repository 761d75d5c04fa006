import { NextResponse } from "next/server";
import { notFound, withTenant } from "@/lib/http";
import { getScoringJob } from "@/lib/models/scoring-jobs";

/** A re-score's state and progress. */
export const GET = withTenant<{ id: string }>(async (_request, { companyId }, { id }) => {
  const job = await getScoringJob(companyId, id);
  return job ? NextResponse.json({ job }) : notFound("This re-score");
}, { permission: "leads:read" });
