import { NextResponse } from "next/server";
import { idParam, withTenant } from "@/lib/http";
import { resendInvitation } from "@/lib/teams/invitations";

/** Sends the invitation again with a new link (the earlier link stops working), valid 7 days from now. */
export const POST = withTenant(async ({ principal, params: { id } }) => NextResponse.json(await resendInvitation(principal, id), { status: 201 }), {
  permission: "members:manage",
  params: idParam("This invitation"),
});
