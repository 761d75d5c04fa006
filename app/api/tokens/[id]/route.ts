import { idParam, withTenant } from "@/lib/http";
import { revokeToken } from "@/lib/tokens/tokens";

/** Revokes a token: its next request gets 401. */
export const DELETE = withTenant(async ({ principal, params: { id } }) => {
  await revokeToken(principal, id);
  return new Response(null, { status: 204 });
}, { permission: "tokens:own", params: idParam("This token") });
