import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, isLockTimeout } from "./errors";

describe("isDatabaseUnavailable", () => {
  it("recognises a refused connection, also when wrapped", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error("query failed", { cause: refused }))).toBe(true);
  });

  it("recognises a session the server terminated, and a client whose connection broke", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connection failure"), { code: "08006" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Client has encountered a connection error and is not queryable"))).toBe(true);
  });

  it("does not mistake a failing query for an outage", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key value"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

describe("isLockTimeout", () => {
  it("knows a lock timeout from PostgreSQL, directly or as Prisma words it", () => {
    expect(isLockTimeout({ code: "55P03" })).toBe(true);
    expect(isLockTimeout(new Error("Raw query failed. Code: `55P03`. Message: `canceling statement due to lock timeout`"))).toBe(true);
    expect(isLockTimeout(new Error("unique violation"))).toBe(false);
  });
});
