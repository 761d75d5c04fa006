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
  [/^\/api\/(imports|models|invitations|tokens)$/, ["GET", "POST"]],
  [/^\/api\/(imports\/preview|insights\/suggested-model)$/, ["POST"]],
  [/^\/api\/auth\//, ["GET", "POST"]],
  ...([
    ["leads/ID", ["GET", "PATCH"]],
    ["imports/ID", ["GET", "DELETE"]],
    ["imports/ID/rejected", ["GET"]],
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
export const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
