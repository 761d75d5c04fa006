/** Routing facts shared by proxy.ts (which cannot import server-only modules) and the app. */
export const SIGN_IN_PATH = "/sign-in";
export const HOME_PATH = "/dashboard";
/** Header set by proxy.ts with the requested path, so a page can send the user back after sign-in. */
export const PATH_HEADER = "x-leadrank-path";
export const APP_PAGE_PREFIXES = ["/dashboard", "/leads", "/imports", "/settings"];

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeCallbackPath(value: string | null | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : HOME_PATH;
}
