import { withTenant } from "@/lib/http";
import { revokeToken } from "@/lib/tokens/tokens";

/** Revokes a token: its next request gets 401. */
export const DELETE = withTenant<{ id: string }>(async (_request, principal, { id }) => {
  await revokeToken(principal, id);
  return new Response(null, { status: 204 });
}, { permission: "tokens:own" });
