import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { APP_PAGE_PREFIXES, PATH_HEADER, SIGN_IN_PATH } from "@/lib/auth/paths";

/**
 * The Content-Security-Policy of a page. Scripts run only from LeadRank itself and with this
 * response's nonce (Next.js puts it on its own scripts); styles may be inline because charts
 * and React set style attributes; nothing may frame the page, and forms post only to LeadRank.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Gives every page its Content-Security-Policy, and sends signed-out visitors of app pages to sign-in (and back afterwards). This is a
 * convenience only: every page and API route checks the session on the server itself.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isAppPage = APP_PAGE_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  // A server action is a fetch from a page already open, not a page load: redirecting it here
  // would hand the page HTML where it expects the action's answer. The action itself checks
  // the session and sends the user to sign-in (requirePrincipal).
  const isServerAction = request.method === "POST" && request.headers.has("next-action");
  if (isAppPage && !isServerAction && !(await getToken({ req: request }))) {
    const signIn = new URL(SIGN_IN_PATH, request.url);
    signIn.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(signIn);
  }
  const policy = contentSecurityPolicy(Buffer.from(crypto.randomUUID()).toString("base64"));
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, pathname + search);
  // On the request, so that Next.js finds the nonce for its scripts; on the response, for the browser.
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|.*\\.png$).*)"],
};
