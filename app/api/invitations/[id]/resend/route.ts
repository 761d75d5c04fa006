import { NextResponse } from "next/server";
import { withTenant } from "@/lib/http";
import { resendInvitation } from "@/lib/teams/invitations";

/** Sends the invitation again with a new link (the earlier link stops working), valid 7 days from now. */
export const POST = withTenant<{ id: string }>(async (_request, principal, { id }) => {
  const { invitation, emailed } = await resendInvitation(principal, id);
  return NextResponse.json({ invitation, emailed }, { status: 201 });
}, { permission: "members:manage" });
