import { NextResponse } from "next/server";
import { withTenant } from "@/lib/http";
import { dashboardQuery, getDashboard } from "@/lib/leads/dashboard";

export const GET = withTenant(async ({ principal, query }) => NextResponse.json(await getDashboard(principal.companyId, query.days)), { permission: "leads:read", query: dashboardQuery });
