/**
 * The address a request came from: the last X-Forwarded-For entry, which is the one added by
 * the nearest proxy (Next.js fills the header from the socket when it is absent).
 */
export function clientIp(headers: Headers | Record<string, unknown> | undefined): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers?.["x-forwarded-for"];
  const entries = String(raw ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  return entries.at(-1) ?? "unknown";
}
