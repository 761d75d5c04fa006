/**
 * The methods each path answers, for the `Allow` header of a 405 (RFC 9110 §15.5.6): pages
 * take GET and HEAD (and POST for their server actions); each API route the methods it
 * exports, plus HEAD with GET and OPTIONS (Next.js adds both). Kept small for the proxy, which
 * runs before every request; lib/api/methods.test.ts holds it to the route table of the
 * OpenAPI document.
 */
const ID = "[^/]+";
// Literal paths first: like Next.js, "/api/leads/export" is not "/api/leads/[id]".
const API: [RegExp, string[]][] = [
  [/^\/api\/(health|openapi\.json|dashboard|leads|leads\/export|insights|audit|members)$/, ["GET"]],
  [/^\/api\/(imports|models|invitations|tokens|activities)$/, ["GET", "POST"]],
  [/^\/api\/(imports\/preview|insights\/suggested-model)$/, ["POST"]],
  [/^\/api\/auth\//, ["GET", "POST"]],
  ...([
    ["leads/ID", ["GET", "PATCH"]],
    ["leads/ID/activities", ["GET"]],
    ["imports/ID", ["GET", "DELETE"]],
    ["imports/ID/rejected", ["GET"]],
    ["imports/ID/unknown-emails", ["GET"]],
    ["models/ID", ["GET"]],
    ["models/ID/draft", ["PUT", "DELETE"]],
    ["models/ID/(preview|publish|activate|restore)", ["POST"]],
    ["scoring-jobs/ID", ["GET"]],
    ["scoring-jobs/ID/retry", ["POST"]],
    ["members/ID", ["PATCH", "DELETE"]],
    ["(invitations|tokens)/ID", ["DELETE"]],
    ["invitations/ID/resend", ["POST"]],
  ] as const).map(([path, methods]): [RegExp, string[]] => [new RegExp(`^/api/${path.replace("ID", ID)}$`), [...methods]]),
];

/** The methods a path answers; null for an API path that does not exist (404). */
export function allowedMethods(pathname: string): string[] | null {
  if (!pathname.startsWith("/api/")) return ["GET", "HEAD", "POST"];
  const methods = API.find(([pattern]) => pattern.test(pathname))?.[1];
  if (!methods) return null;
  return [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
}

/** The methods any route of LeadRank implements: anything else (TRACE, CONNECT, …) is 405 everywhere. */
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * The 405 answer for a method the path does not take, or null when it takes it (or the path
 * does not exist: that is a 404). Every 405 carries `Allow` (RFC 9110).
 */
export function methodNotAllowed(method: string, pathname: string): { allow: string; body: { error: { code: string; message: string } } } | null {
  const allowed = allowedMethods(pathname);
  if (KNOWN_METHODS.has(method) && (!allowed || allowed.includes(method) || !pathname.startsWith("/api/"))) return null;
  const allow = (allowed ?? ["GET", "HEAD", "OPTIONS"]).join(", ");
  return { allow, body: { error: { code: "method_not_allowed", message: `${pathname} does not take ${method}; it takes ${allow}.` } } };
}
