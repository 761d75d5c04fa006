import { NextResponse } from "next/server";
import { withTenant } from "@/lib/http";
import { createInvitation, createInvitationSchema, listInvitations } from "@/lib/teams/invitations";

/** Invites an email with a role: `{ "email", "role" }` → 201 with the single-use link (`url`), e-mailed when SMTP is set up. */
export const POST = withTenant(async ({ principal, body }) => NextResponse.json(await createInvitation(principal, body), { status: 201 }), {
  permission: "members:manage",
  body: createInvitationSchema,
});

/** Pending invitations (their links are shown only when created or resent). */
export const GET = withTenant(async ({ principal }) => NextResponse.json({ invitations: await listInvitations(principal) }), { permission: "members:manage" });
