import { NextResponse } from "next/server";
import { withTenant } from "@/lib/http";
import { createToken, createTokenSchema, listTokens } from "@/lib/tokens/tokens";

/** Creates a personal token: `{ "name", "role"?, "expiresAt"? }` → 201 with its `secret`, shown this once. */
export const POST = withTenant(async ({ principal, body }) => NextResponse.json({ token: await createToken(principal, body) }, { status: 201 }), {
  permission: "tokens:own",
  body: createTokenSchema,
});

/** Your tokens (an owner: everyone's in the company), never their secrets. */
export const GET = withTenant(async ({ principal }) => NextResponse.json({ tokens: await listTokens(principal) }), { permission: "tokens:own" });
