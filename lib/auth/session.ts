import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { cache } from "react";
import type { Tenant } from "./accounts";
import { HOME_PATH, PATH_HEADER, SIGN_IN_PATH } from "./paths";
import { isSessionOpen } from "./sessions";

/**
 * The signed-in user and their company for the current request: the session cookie,
 * decrypted, names a server-side session that must still be open (not signed out, not
 * expired). This is the only place the app gets a company id from. Read once per request:
 * the layout and the page of one render share the answer (and the session lookup behind it).
 *
 * The cookie is only read, not issued again as next-auth's getServerSession does on every
 * call: the session ends at a fixed time anyway (AuthSession.expiresAt), and re-encrypting
 * the cookie took a tenth of the server's time under load (`npm run bench:load`). When the
 * database cannot be reached, its error goes up (503 for the API, the error page for pages).
 */
export const getTenant = cache(async (): Promise<Tenant | null> => {
  // The cookie only: no headers, so a bearer token in Authorization is no way in.
  const token = await getToken({ req: { cookies: await cookies(), headers: {} } as unknown as NextRequest });
  if (!token?.userId || !token.companyId) return null;
  return (await isSessionOpen(token.sessionId, token.userId)) ? { userId: token.userId, companyId: token.companyId } : null;
});

/**
 * For pages and server actions: the tenant, or a redirect to sign-in that comes back to this
 * page. From a server action (a page that was open while the session ended, e.g. signed out in
 * another tab) the sign-in page says that the session ended.
 */
export async function requireTenant(): Promise<Tenant> {
  const tenant = await getTenant();
  if (tenant) return tenant;
  const request = await headers();
  const path = request.get(PATH_HEADER) ?? HOME_PATH;
  redirect(`${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(path)}${request.has("next-action") ? "&ended=1" : ""}`);
}
