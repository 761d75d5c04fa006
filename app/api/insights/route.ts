import { NextResponse } from "next/server";
import { withTenant } from "@/lib/http";
import { getInsights } from "@/lib/outcomes/insights";

/** How well the active model's score predicts the company's won and lost leads. */
export const GET = withTenant(async (_request, { companyId }) => NextResponse.json(await getInsights(companyId)), { permission: "leads:read" });
