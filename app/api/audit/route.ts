import { NextResponse } from "next/server";
import { auditQuery, listAudit } from "@/lib/audit/audit";
import { withTenant } from "@/lib/http";

/** The audit log, newest first: `?action=&user=&page=` (50 a page). */
export const GET = withTenant(async ({ principal, query }) => NextResponse.json(await listAudit(principal.companyId, query)), { permission: "audit:read", query: auditQuery });
