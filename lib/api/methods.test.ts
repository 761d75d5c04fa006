import { describe, expect, it } from "vitest";
import { allowedMethods } from "./methods";
import { OPERATIONS } from "./openapi";

describe("the methods each path answers", () => {
  it("are exactly the methods the OpenAPI document lists for it, with HEAD beside GET and OPTIONS", () => {
    const byPath = new Map<string, Set<string>>();
    for (const operation of OPERATIONS) {
      const path = operation.path.replace(/\{\w+\}/g, "0b8c1f5e-55e4-4f0e-9d7a-3c9f0c1d2e3f");
      byPath.set(path, (byPath.get(path) ?? new Set()).add(operation.method.toUpperCase()));
    }
    for (const [path, methods] of byPath) {
      const expected = [...methods, ...(methods.has("GET") ? ["HEAD"] : []), "OPTIONS"].sort();
      expect(allowedMethods(path)?.sort(), path).toEqual(expected);
    }
  });

  it("names no methods for an API path that does not exist, and GET, HEAD and POST for pages", () => {
    expect(allowedMethods("/api/nothing")).toBeNull();
    expect(allowedMethods("/api/models/x/unknown")).toBeNull();
    expect(allowedMethods("/leads")).toEqual(["GET", "HEAD", "POST"]);
    expect(allowedMethods("/api/auth/session")).toContain("POST");
  });
});
