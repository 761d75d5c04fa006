import { withTenant } from "@/lib/http";
import { revokeInvitation } from "@/lib/teams/invitations";

/** Revokes a pending invitation: its link stops working. */
export const DELETE = withTenant<{ id: string }>(async (_request, principal, { id }) => {
  await revokeInvitation(principal, id);
  return new Response(null, { status: 204 });
}, { permission: "members:manage" });
