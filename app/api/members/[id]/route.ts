import { NextResponse } from "next/server";
import { readJson, withTenant } from "@/lib/http";
import { changeRole, removeMember } from "@/lib/teams/members";

/** Changes a member's role: `{ "role": "owner" | "member" | "viewer" }`; 409 `last_owner` for the last owner. */
export const PATCH = withTenant<{ id: string }>(
  async (request, principal, { id }) => NextResponse.json({ member: await changeRole(principal, id, await readJson(request)) }),
  { permission: "members:manage" },
);

/** Removes a member: their sessions and tokens stop working at once. */
export const DELETE = withTenant<{ id: string }>(async (_request, principal, { id }) => {
  await removeMember(principal, id);
  return new Response(null, { status: 204 });
}, { permission: "members:manage" });
