import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { allowedMethods, KNOWN_METHODS } from "@/lib/api/methods";
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
  const notAllowed = methodNotAllowed(request.method, pathname);
  if (notAllowed) return notAllowed;
  if (pathname.startsWith("/api/")) return NextResponse.next();
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

/**
 * 405 with the `Allow` header RFC 9110 asks for: for a method no route has (TRACE, CONNECT, …;
 * Next.js answered those with 500 and a stack trace in the log), and for an API route asked
 * with a method it does not export (Next.js answers those 405 without `Allow`).
 */
function methodNotAllowed(method: string, pathname: string): NextResponse | null {
  const allowed = allowedMethods(pathname);
  if (KNOWN_METHODS.has(method) && (!allowed || allowed.includes(method) || !pathname.startsWith("/api/"))) return null;
  const allow = (allowed ?? ["GET", "HEAD", "OPTIONS"]).join(", ");
  return NextResponse.json(
    { error: { code: "method_not_allowed", message: `${pathname} does not take ${method}; it takes ${allow}.` } },
    { status: 405, headers: { Allow: allow } },
  );
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.png$).*)"],
};
