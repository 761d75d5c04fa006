import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("uses bcrypt with cost 12 and verifies only the right password", async () => {
    const hash = await hashPassword("long enough passphrase");
    expect(hash).toMatch(/^\$2[aby]\$12\$/);
    expect(await verifyPassword("long enough passphrase", hash)).toBe(true);
    expect(await verifyPassword("long enough passphrasE", hash)).toBe(false);
  });

  it("refuses when there is no account, after doing the same work", async () => {
    expect(await verifyPassword("no account has this password", undefined)).toBe(false);
  });
});
