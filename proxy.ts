import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { APP_PAGE_PREFIXES, PATH_HEADER, SIGN_IN_PATH } from "@/lib/auth/paths";

/**
 * Sends signed-out visitors of app pages to sign-in (and back afterwards). This is a
 * convenience only: every page and API route checks the session on the server itself.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isAppPage = APP_PAGE_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  if (isAppPage && !(await getToken({ req: request }))) {
    const signIn = new URL(SIGN_IN_PATH, request.url);
    signIn.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(signIn);
  }
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, pathname + search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|.*\\.png$).*)"],
};
