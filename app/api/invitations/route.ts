import { NextResponse } from "next/server";
import { readJson, withTenant } from "@/lib/http";
import { createInvitation, listInvitations } from "@/lib/teams/invitations";

/** Invites an email with a role: `{ "email", "role" }` → 201 with the single-use link (`url`), e-mailed when SMTP is set up. */
export const POST = withTenant(async (request, principal) => {
  const { invitation, emailed } = await createInvitation(principal, await readJson(request));
  return NextResponse.json({ invitation, emailed }, { status: 201 });
}, { permission: "members:manage" });

/** Pending invitations (their links are shown only when created or resent). */
export const GET = withTenant(async (_request, principal) => NextResponse.json({ invitations: await listInvitations(principal) }), { permission: "members:manage" });
