import { NextResponse } from "next/server";
import { withTenant } from "@/lib/http";
import { listMembers } from "@/lib/teams/members";

/** The company's members with their roles. */
export const GET = withTenant(async ({ principal }) => NextResponse.json({ members: await listMembers(principal) }), { permission: "leads:read" });
