import { describe, expect, it } from "vitest";
import { emailSchema, passwordSchema, signUpSchema } from "./schemas";

const firstError = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0].message;

describe("password rules", () => {
  it.each([
    ["11 characters", "abcdefghijk", /at least 12 characters/],
    ["a common password", "Password1234", /too common/],
    ["73 ASCII bytes", "a".repeat(73), /at most 72 bytes/],
    ["20 emoji, 80 bytes in UTF-8", "🔑".repeat(20), /at most 72 bytes/],
    ["twelve spaces", " ".repeat(12), /not only spaces/],
    ["tabs and line breaks only", "\t\n".repeat(8), /not only spaces/],
  ])("refuses %s with a message that says why", (_label, password, message) => {
    expect(firstError(passwordSchema.safeParse(password))).toMatch(message);
  });

  it.each([
    ["exactly 12 characters", "zebra-canoe7"],
    ["exactly 72 bytes", "b".repeat(72)],
    ["spaces and no digits or symbols", "correct horse battery"],
    ["accents within 72 bytes", "éléphant rosé du jardin"],
  ])("accepts %s (no composition rules)", (_label, password) => {
    expect(passwordSchema.safeParse(password).success).toBe(true);
  });
});

describe("email", () => {
  it("is trimmed and lower-cased", () => {
    expect(emailSchema.parse("  Ada.Lovelace@Example.COM ")).toBe("ada.lovelace@example.com");
  });

  it.each(["", "ada", "ada@", "@example.com", "ada example@example.com"])("refuses %j", (value) => {
    expect(emailSchema.safeParse(value).success).toBe(false);
  });
});

describe("sign-up form", () => {
  it("drops control characters from names, which the database could not store", () => {
    const result = signUpSchema.parse({ companyName: "Acme\u0000 Inc", name: "Ada\u001b Lovelace", email: "a@example.com", password: "a long passphrase" });
    expect(result).toMatchObject({ companyName: "Acme Inc", name: "Ada Lovelace" });
    expect(signUpSchema.safeParse({ companyName: "\u0000", name: "Ada", email: "a@example.com", password: "a long passphrase" }).error?.issues[0].message).toBe("Enter your company's name.");
  });

  it("names every missing field", () => {
    const result = signUpSchema.safeParse({ companyName: " ", name: "", email: "", password: "" });
    expect(result.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(["companyName", "email", "name", "password"]);
  });
});
