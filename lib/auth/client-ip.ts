/**
 * The address a request came from. LeadRank's own server (scripts/serve.ts) replaces any
 * X-Forwarded-For a client sent with the one address it worked out (`clientAddress`), so the
 * app reads exactly that: a client cannot pick its address to escape a sign-in or reset limit.
 */
export function clientIp(headers: Headers | Record<string, unknown> | undefined): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers?.["x-forwarded-for"];
  const entries = String(raw ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  return entries.at(-1) ?? "unknown";
}

/**
 * How many proxies in front of LeadRank add to X-Forwarded-For (`LEADRANK_TRUST_PROXY`): 0,
 * the default, trusts none and uses the connection's own address.
 */
export function trustedProxies(value = process.env.LEADRANK_TRUST_PROXY): number {
  const count = Number(value ?? 0);
  if (!Number.isInteger(count) || count < 0 || count > 10) throw new Error(`LEADRANK_TRUST_PROXY must be a whole number of proxies from 0 to 10, not "${value}".`);
  return count;
}

/**
 * The client's address: the connection's, or, behind `trusted` proxies, the entry of
 * X-Forwarded-For that the farthest trusted proxy added (each proxy appends the address it saw,
 * so entries left of those are whatever the client wrote).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: number): string {
  const socket = (socketAddress ?? "unknown").replace(/^::ffff:/, "");
  if (trusted === 0) return socket;
  const entries = [forwardedFor ?? []].flat().join(",").split(",").map((entry) => entry.trim()).filter(Boolean);
  const chain = [...entries, socket];
  return chain[Math.max(0, chain.length - 1 - trusted)];
}
