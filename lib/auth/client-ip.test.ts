import { describe, expect, it } from "vitest";
import { clientAddress, clientIp, trustedProxies } from "./client-ip";

describe("the client's address", () => {
  it("is the connection's own when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.9", "1.2.3.4", 0)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", ["1.2.3.4", "5.6.7.8"], 0)).toBe("203.0.113.9");
  });

  it("is the entry the farthest trusted proxy added, never one the client wrote", () => {
    // client → proxy (adds the client's address) → LeadRank
    expect(clientAddress("10.0.0.2", "198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.2", "1.2.3.4, 198.51.100.7", 1)).toBe("198.51.100.7");
    // client → CDN → load balancer → LeadRank
    expect(clientAddress("10.0.0.3", "1.2.3.4, 198.51.100.7, 10.0.0.9", 2)).toBe("198.51.100.7");
    // Fewer entries than proxies: the leftmost there is.
    expect(clientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
  });

  it("reads the one address the server set, and refuses a setting that is not a count", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers())).toBe("unknown");
    expect(trustedProxies(undefined)).toBe(0);
    expect(trustedProxies("2")).toBe(2);
    expect(() => trustedProxies("yes")).toThrow(/LEADRANK_TRUST_PROXY must be a whole number/);
  });
});
