import { describe, expect, it } from "vitest";
import { parseScoringModel } from "./model";
import { PRESETS } from "./presets";

const valid = {
  id: "mini",
  name: "Mini",
  pointsFor100: 10,
  criteria: [{ id: "title", label: "Title", tiers: [{ points: 5, when: [{ kind: "keywords", field: "jobTitle", keywords: ["CEO"] }] }] }],
};

const withCriterion = (criterion: object) => ({ ...valid, criteria: [{ ...valid.criteria[0], ...criterion }] });

describe("scoring model validation", () => {
  it("accepts a valid model and both presets", () => {
    expect(parseScoringModel(valid).criteria[0].otherwise).toBe(0);
    expect(PRESETS.map((preset) => preset.id)).toEqual(["b2b-saas", "lifescience-3d-invitro"]);
  });

  it.each([
    ["an unknown field", withCriterion({ tiers: [{ points: 1, when: [{ kind: "keywords", field: "shoeSize", keywords: ["x"] }] }] }), /criteria\.0\.tiers\.0\.when\.0\.field: unknown text field "shoeSize"/],
    ["negative pointsFor100", { ...valid, pointsFor100: -5 }, /pointsFor100: pointsFor100 must be above 0/],
    ["zero pointsFor100", { ...valid, pointsFor100: 0 }, /pointsFor100 must be above 0/],
    ["empty tiers", withCriterion({ tiers: [] }), /criteria\.0\.tiers: a criterion without tiers/],
    ["a tier without conditions", withCriterion({ tiers: [{ points: 1, when: [] }] }), /a tier without conditions/],
    ["an empty keyword list", withCriterion({ tiers: [{ points: 1, when: [{ kind: "keywords", field: "jobTitle", keywords: [] }] }] }), /no keywords listed/],
    ["fractional points", withCriterion({ tiers: [{ points: 1.5, when: [{ kind: "yes", field: "openToNams" }] }] }), /points must be whole numbers/],
    ["grade thresholds out of order", { ...valid, grades: { A: 60, B: 70, C: 40 } }, /grades: grade thresholds must fall from A to B to C/],
    ["a grade threshold of 0", { ...valid, grades: { A: 80, B: 60, C: 0 } }, /grades\.C: grade thresholds are 1 to 100/],
    ["an unknown mode", withCriterion({ mode: "average" }), /criteria\.0\.mode: mode is "first" or "sum"/],
    ["a yes/no condition on a text field", withCriterion({ tiers: [{ points: 1, when: [{ kind: "yes", field: "jobTitle" }] }] }), /unknown yes\/no field "jobTitle"/],
    ["an extra column without a header", withCriterion({ tiers: [{ points: 1, when: [{ kind: "present", field: "extra:" }] }] }), /unknown field "extra:"/],
    ["a range upside down", withCriterion({ tiers: [{ points: 1, when: [{ kind: "range", field: "companySize", min: 10, max: 5 }] }] }), /min above max/],
    ["a number field used as text", withCriterion({ tiers: [{ points: 1, when: [{ kind: "keywords", field: "companySize", keywords: ["1"] }] }] }), /unknown text field "companySize"/],
    ["an unknown condition kind", withCriterion({ tiers: [{ points: 1, when: [{ kind: "regex", field: "jobTitle" }] }] }), /unknown condition kind "regex"/],
    ["duplicate criterion ids", { ...valid, criteria: [valid.criteria[0], valid.criteria[0]] }, /two criteria share an id/],
    ["no criteria", { ...valid, criteria: [] }, /a model without criteria/],
  ])("rejects %s with a message naming it", (_label, model, message) => {
    expect(() => parseScoringModel(model)).toThrow(message);
  });
});
