import { describe, expect, it } from "vitest";
import { compareModels } from "./compare";
import { breakdownText, scoreLead, storedBreakdown, storedPoints } from "./engine";
import { checkScoringModel, parseScoringModel } from "./model";
import { templateDefinition } from "./presets";
import { suggestGrades } from "./thresholds";

describe("a model as the studio and the API send it", () => {
  it("needs no ids: each criterion gets one from its label, unique within the model", () => {
    const model = parseScoringModel({
      name: "No ids",
      pointsFor100: 10,
      criteria: [
        { label: "Job title", tiers: [{ points: 5, when: [{ kind: "keywords", field: "jobTitle", keywords: ["CEO"] }] }] },
        { label: "Job title", tiers: [{ points: 1, when: [{ kind: "present", field: "jobTitle" }] }] },
        { label: "É-mail 2", tiers: [{ points: -3, when: [{ kind: "yes", field: "freeEmail" }] }] },
      ],
    });
    expect(model.criteria.map((c) => c.id)).toEqual(["jobTitle", "jobTitle2", "eMail2"]);
  });

  it("lists every problem with its path", () => {
    const result = checkScoringModel({ name: "", pointsFor100: 0, criteria: [{ label: "", tiers: [] }] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual(
      expect.arrayContaining([
        { path: "name", message: "a model needs a name" },
        { path: "pointsFor100", message: "points for a score of 100 must be a whole number from 1 to 1,000,000" },
        { path: "criteria.0.label", message: "a criterion needs a label" },
        { path: "criteria.0.tiers", message: "a criterion without tiers" },
      ]),
    );
  });
});

describe("the stored breakdown", () => {
  it("keeps the points of the rules that gave any, by rule id, and adds up to the raw points", () => {
    const b2b = templateDefinition("b2b-saas")!;
    const result = scoreLead({ email: "a@x.com", jobTitle: "CTO", companySize: 12000, industry: "SaaS", location: "Nowhere" }, b2b);
    const stored = storedBreakdown(result.breakdown);
    expect(Object.values(stored).every((points) => points !== 0)).toBe(true);
    expect(Object.values(stored).reduce((a, b) => a + b, 0)).toBe(result.rawPoints);
    expect(storedPoints(stored, "location")).toBe(0);
    expect(storedPoints(stored, "jobTitle")).toBe(stored.jobTitle);
    expect(storedPoints([1, 2], "jobTitle")).toBe(0);
  });
});

describe("suggested grade thresholds", () => {
  it("put about the target share of leads in each grade", () => {
    // 1,000 leads spread evenly over scores 0–99 (10 at each).
    const distribution = Array.from({ length: 101 }, (_, score) => (score < 100 ? 10 : 0));
    expect(suggestGrades(distribution, { A: 10, B: 20, C: 30, D: 40 })).toEqual({ A: 90, B: 70, C: 40 });
    expect(suggestGrades(distribution, { A: 25, B: 25, C: 25, D: 25 })).toEqual({ A: 75, B: 50, C: 25 });
  });

  it("keep A above B above C even when every lead has the same score", () => {
    const distribution = Array.from({ length: 101 }, (_, score) => (score === 0 ? 500 : 0));
    const grades = suggestGrades(distribution, { A: 10, B: 20, C: 30, D: 40 });
    expect(grades.A).toBeGreaterThan(grades.B);
    expect(grades.B).toBeGreaterThan(grades.C);
    expect(grades.C).toBeGreaterThanOrEqual(1);
  });
});

describe("comparing two versions", () => {
  it("names the rules and tiers added and removed and the points changed", () => {
    const before = templateDefinition("b2b-saas")!;
    const after = {
      ...before,
      grades: { A: 85, B: 60, C: 40 },
      criteria: [
        ...before.criteria.slice(1).map((c) => (c.id === "jobTitle" ? { ...c, tiers: c.tiers.map((t, i) => (i === 0 ? { ...t, points: t.points + 1 } : t)) } : c)),
        { id: "student", label: "Student", mode: "first" as const, otherwise: 0, tiers: [{ points: -20, when: [{ kind: "keywords" as const, field: "jobTitle" as const, keywords: ["Student"] }] }] },
      ],
    };
    const changes = compareModels(before, after);
    expect(changes).toContainEqual({ kind: "changed", what: "Grade A from 80 → 85" });
    expect(changes).toContainEqual({ kind: "removed", what: "Rule “Company size”" });
    expect(changes).toContainEqual({ kind: "added", what: "Rule “Student”" });
    expect(changes.filter((c) => c.kind === "changed" && c.what.startsWith("Job title:"))).toHaveLength(1);
    expect(compareModels(before, before)).toEqual([]);
  });
});

describe("the breakdown's text", () => {
  it("is exactly how PostgreSQL prints the stored jsonb, so unchanged leads compare equal as text", () => {
    // SELECT '{"location": 2, "jobTitle": 10, "companySize": -5, "x": 1}'::jsonb::text
    expect(breakdownText({ location: 2, jobTitle: 10, companySize: -5, x: 1 })).toBe('{"x": 1, "jobTitle": 10, "location": 2, "companySize": -5}');
    expect(breakdownText({})).toBe("{}");
  });
});

describe("outcomes are never a scoring input", () => {
  it("refuses a model that reads the outcome", () => {
    const reads = (kind: string) => ({ name: "Cheat", pointsFor100: 1, criteria: [{ label: "Won", tiers: [{ points: 1, when: [{ kind, field: "outcome", values: ["won"], keywords: ["won"] }] }] }] });
    for (const kind of ["values", "keywords", "present", "missing"]) expect(() => parseScoringModel(reads(kind))).toThrow(/unknown (text )?field "outcome"/);
  });
});
