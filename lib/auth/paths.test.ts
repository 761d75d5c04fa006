import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";
import { HOME_PATH, safeCallbackPath } from "./paths";

describe("safeCallbackPath", () => {
  it.each([
    ["/leads?page=2", "/leads?page=2"],
    [undefined, HOME_PATH],
    ["https://evil.example/phish", HOME_PATH],
    ["//evil.example", HOME_PATH],
    ["/\\evil.example", HOME_PATH],
    ["javascript:alert(1)", HOME_PATH],
    // Known bypasses: browsers drop tabs and newlines, read backslashes as slashes, and resolve dot segments.
    ["/\t/evil.example", HOME_PATH],
    ["/\n/evil.example", HOME_PATH],
    ["/\r\n/evil.example", HOME_PATH],
    ["\t//evil.example", HOME_PATH],
    ["/\\/evil.example", HOME_PATH],
    ["\\/\\/evil.example", HOME_PATH],
    ["\\\\evil.example", HOME_PATH],
    ["/.//evil.example", HOME_PATH],
    ["/..//evil.example", HOME_PATH],
    ["///evil.example", HOME_PATH],
    ["https:evil.example", HOME_PATH],
    ["https:/evil.example", HOME_PATH],
    ["http://localhost:3000/dashboard", HOME_PATH],
    ["JaVaScRiPt:alert(1)", HOME_PATH],
    [" javascript:alert(1)", HOME_PATH],
    ["%2F%2Fevil.example", HOME_PATH],
    ["/\u0000/evil.example", HOME_PATH],
    ["/\u007f/evil.example", HOME_PATH],
    ["", HOME_PATH],
    // Encoded slashes stay one path on our own origin.
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5C%5Cevil.example", "/%5C%5Cevil.example"],
    ["/leads?q=a%20b#top", "/leads?q=a%20b#top"],
    ["/imports/../leads", "/leads"],
  ])("%j goes to %j", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});

describe("clientIp", () => {
  it("takes the address the nearest proxy added", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "1.1.1.1, 2.2.2.2" }))).toBe("2.2.2.2");
    expect(clientIp({ "x-forwarded-for": "3.3.3.3" })).toBe("3.3.3.3");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});
