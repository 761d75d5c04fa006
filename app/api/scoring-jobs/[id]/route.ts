import { NextResponse } from "next/server";
import { notFound } from "@/lib/errors";
import { idParam, withTenant } from "@/lib/http";
import { getScoringJob } from "@/lib/models/publish";

/** A re-score's state and progress. */
export const GET = withTenant(async ({ principal, params: { id } }) => {
  const job = await getScoringJob(principal.companyId, id);
  if (!job) throw notFound("This re-score");
  return NextResponse.json({ job });
}, { permission: "leads:read", params: idParam("This re-score") });
