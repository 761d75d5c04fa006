import { describe, expect, it } from "vitest";
import { clientIp } from "./options";
import { HOME_PATH, safeCallbackPath } from "./paths";

describe("safeCallbackPath", () => {
  it.each([
    ["/leads?page=2", "/leads?page=2"],
    [undefined, HOME_PATH],
    ["https://evil.example/phish", HOME_PATH],
    ["//evil.example", HOME_PATH],
    ["/\\evil.example", HOME_PATH],
    ["javascript:alert(1)", HOME_PATH],
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
