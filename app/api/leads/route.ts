import { NextResponse } from "next/server";
import { withTenant } from "@/lib/http";
import { listLeads, listLeadsQuery } from "@/lib/leads/list-leads";

export const GET = withTenant(async ({ principal, query }) => NextResponse.json(await listLeads(principal.companyId, query)), { permission: "leads:read", query: listLeadsQuery });
