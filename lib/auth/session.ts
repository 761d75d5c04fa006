import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { cache } from "react";
import { clientIp } from "./client-ip";
import { HOME_PATH, PATH_HEADER, SIGN_IN_PATH } from "./paths";
import { can, requirePermission, type Action, type Principal } from "./permissions";
import { sessionMembership } from "./sessions";

/** A principal signed in with the session cookie also knows its session (to switch company, or end the others). */
export type SessionPrincipal = Principal & { via: "session"; sessionId: string };

/**
 * The signed-in user, their active company and their role in it, for the current request:
 * the session cookie, decrypted, names a server-side session that must still be open (not
 * signed out, not expired), and the user must still be a member of the session's company
 * (checked here, on every request). This is the only place pages get a company id from.
 * Read once per request: the layout and the page of one render share the answer.
 *
 * The cookie is only read, not issued again as next-auth's getServerSession does on every
 * call: the session ends at a fixed time anyway (AuthSession.expiresAt), and re-encrypting
 * the cookie took a tenth of the server's time under load (`npm run bench:load`). When the
 * database cannot be reached, its error goes up (503 for the API, the error page for pages).
 */
export const getPrincipal = cache(async (): Promise<SessionPrincipal | null> => {
  // The cookie only: no headers, so a bearer token in Authorization is no way in here.
  const token = await getToken({ req: { cookies: await cookies(), headers: {} } as unknown as NextRequest });
  if (!token?.userId || !token.sessionId) return null;
  const membership = await sessionMembership(token.sessionId, token.userId);
  if (!membership) return null;
  return { userId: token.userId, ...membership, via: "session", sessionId: token.sessionId, ip: clientIp(await headers()) };
});

/**
 * For pages and server actions: the principal, or a redirect to sign-in that comes back to
 * this page. From a server action (a page that was open while the session ended, e.g. signed
 * out in another tab) the sign-in page says that the session ended. With a `permission` the
 * role must allow it: a page answers 404 (the role's navigation does not lead there), an
 * action throws (the form shows the error page).
 */
export async function requirePrincipal(permission: Action = "leads:read"): Promise<SessionPrincipal> {
  const principal = await getPrincipal();
  if (principal) {
    if (can(principal, permission)) return principal;
    if ((await headers()).has("next-action")) requirePermission(principal, permission);
    notFound();
  }
  const request = await headers();
  const path = request.get(PATH_HEADER) ?? HOME_PATH;
  redirect(`${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(path)}${request.has("next-action") ? "&ended=1" : ""}`);
}
