import { NextResponse } from "next/server";
import { idParam, withTenant } from "@/lib/http";
import { changeRole, removeMember, roleSchema } from "@/lib/teams/members";

/** Changes a member's role: `{ "role": "owner" | "member" | "viewer" }`; 409 `last_owner` for the last owner. */
export const PATCH = withTenant(async ({ principal, params: { id }, body }) => NextResponse.json({ member: await changeRole(principal, id, body.role) }), {
  permission: "members:manage",
  params: idParam("This member"),
  body: roleSchema,
});

/** Removes a member: their sessions and tokens stop working at once. */
export const DELETE = withTenant(async ({ principal, params: { id } }) => {
  await removeMember(principal, id);
  return new Response(null, { status: 204 });
}, { permission: "members:manage", params: idParam("This member") });
