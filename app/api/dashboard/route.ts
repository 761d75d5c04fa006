import { NextResponse } from "next/server";
import { jsonError, withTenant } from "@/lib/http";
import { dashboardQuery, getDashboard } from "@/lib/leads/dashboard";

export const GET = withTenant(async (request, { companyId }) => {
  const query = dashboardQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, "bad_request", query.error.issues[0].message);
  return NextResponse.json(await getDashboard(companyId, query.data.days));
}, { permission: "leads:read" });
