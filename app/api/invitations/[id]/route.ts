import { idParam, withTenant } from "@/lib/http";
import { revokeInvitation } from "@/lib/teams/invitations";

/** Revokes a pending invitation: its link stops working. */
export const DELETE = withTenant(async ({ principal, params: { id } }) => {
  await revokeInvitation(principal, id);
  return new Response(null, { status: 204 });
}, { permission: "members:manage", params: idParam("This invitation") });
