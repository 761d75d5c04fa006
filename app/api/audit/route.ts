import { NextResponse } from "next/server";
import { listAudit } from "@/lib/audit/audit";
import { withTenant } from "@/lib/http";

/** The audit log, newest first: `?action=&user=&page=` (50 a page). */
export const GET = withTenant(async (request, principal) => NextResponse.json(await listAudit(principal, Object.fromEntries(new URL(request.url).searchParams))), {
  permission: "audit:read",
});
