/** Routing facts shared by proxy.ts (which cannot import server-only modules) and the app. */
export const SIGN_IN_PATH = "/sign-in";
export const HOME_PATH = "/dashboard";
/** Header set by proxy.ts with the requested path, so a page can send the user back after sign-in. */
export const PATH_HEADER = "x-leadrank-path";
export const APP_PAGE_PREFIXES = ["/dashboard", "/leads", "/imports", "/scoring", "/insights", "/team", "/audit", "/settings"];

const OWN_ORIGIN = "https://leadrank.invalid";

/**
 * Only paths on LeadRank's own origin are followed after sign-in, never another origin. The
 * value is resolved by the URL parser, as a browser would, and must stay on our origin.
 * Control characters (browsers drop tabs and newlines, so `/<TAB>/evil.example` becomes
 * `//evil.example`) and backslashes (read as slashes) are refused outright, and so is a path
 * that resolves to `//…` (e.g. `/.//evil.example`).
 */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return HOME_PATH;
  let url: URL;
  try {
    url = new URL(value, OWN_ORIGIN);
  } catch {
    return HOME_PATH;
  }
  const path = url.pathname + url.search + url.hash;
  return url.origin === OWN_ORIGIN && !path.startsWith("//") ? path : HOME_PATH;
}
