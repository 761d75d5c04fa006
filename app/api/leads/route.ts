import { NextResponse } from "next/server";
import { jsonError, withTenant } from "@/lib/http";
import { listLeads, listLeadsQuery } from "@/lib/leads/list-leads";

export const GET = withTenant(async (request, { companyId }) => {
  const query = listLeadsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, "bad_request", query.error.issues[0].message);
  return NextResponse.json(await listLeads(companyId, query.data));
}, { permission: "leads:read" });
