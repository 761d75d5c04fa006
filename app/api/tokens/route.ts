import { NextResponse } from "next/server";
import { readJson, withTenant } from "@/lib/http";
import { createToken, listTokens } from "@/lib/tokens/tokens";

/** Creates a personal token: `{ "name", "role"?, "expiresAt"? }` → 201 with its `secret`, shown this once. */
export const POST = withTenant(async (request, principal) => NextResponse.json({ token: await createToken(principal, await readJson(request)) }, { status: 201 }), {
  permission: "tokens:own",
});

/** Your tokens (an owner: everyone's in the company), never their secrets. */
export const GET = withTenant(async (_request, principal) => NextResponse.json({ tokens: await listTokens(principal) }), { permission: "tokens:own" });
