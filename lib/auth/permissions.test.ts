import { describe, expect, it } from "vitest";
import { can, lowerRole, PERMISSIONS } from "./permissions";

describe("the permission table", () => {
  it("gives each role what the role above has less, never more", () => {
    for (const action of PERMISSIONS.viewer) expect(PERMISSIONS.member.has(action)).toBe(true);
    for (const action of PERMISSIONS.member) expect(PERMISSIONS.owner.has(action)).toBe(true);
  });

  it("lets viewers read and export only, members import, mark outcomes and edit drafts, owners the rest", () => {
    expect([...PERMISSIONS.viewer]).toEqual(["leads:read", "leads:export"]);
    expect(can({ role: "viewer" }, "imports:write")).toBe(false);
    expect(can({ role: "member" }, "imports:write")).toBe(true);
    expect(can({ role: "member" }, "outcomes:write")).toBe(true);
    expect(can({ role: "member" }, "models:edit")).toBe(true);
    expect(can({ role: "member" }, "models:publish")).toBe(false);
    expect(can({ role: "member" }, "members:manage")).toBe(false);
    expect(can({ role: "member" }, "audit:read")).toBe(false);
    expect(can({ role: "owner" }, "company:delete")).toBe(true);
    expect(can(null, "leads:read")).toBe(false);
    expect(can({ role: "admin" as never }, "leads:read")).toBe(false);
  });

  it("gives a token the lower of its role and its creator's", () => {
    expect(lowerRole("owner", "viewer")).toBe("viewer");
    expect(lowerRole("member", "owner")).toBe("member");
  });
});

describe("lowestRole", () => {
  it("names the first role that may do an action", async () => {
    const { lowestRole } = await import("./permissions");
    expect(lowestRole("leads:export")).toBe("viewer");
    expect(lowestRole("tokens:own")).toBe("member");
    expect(lowestRole("audit:read")).toBe("owner");
  });
});
