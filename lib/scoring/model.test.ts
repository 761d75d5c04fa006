import { describe, expect, it } from "vitest";
import { parseScoringModel } from "./model";
import { PRESETS } from "./presets";

const valid = {
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
    ["negative pointsFor100", { ...valid, pointsFor100: -5 }, /pointsFor100: points for a score of 100 must be a whole number from 1 to 1,000,000/],
    ["zero pointsFor100", { ...valid, pointsFor100: 0 }, /points for a score of 100 must be a whole number/],
    ["fractional pointsFor100", { ...valid, pointsFor100: 12.5 }, /points for a score of 100 must be a whole number/],
    ["pointsFor100 above a million", { ...valid, pointsFor100: 1_000_001 }, /points for a score of 100 must be a whole number/],
    ["points past 10,000", withCriterion({ tiers: [{ points: 3_000_000_000, when: [{ kind: "yes", field: "openToNams" }] }] }), /criteria\.0\.tiers\.0\.points: points must be whole numbers from -10,000 to 10,000/],
    ["otherwise past -10,000", withCriterion({ otherwise: -10_001 }), /criteria\.0\.otherwise: points must be whole numbers/],
    ["an unknown field of a criterion", withCriterion({ otherwize: -5 }), /criteria\.0\.otherwize: unknown field "otherwize"/],
    ["an unknown field of the model", { ...valid, colour: "red" }, /colour: unknown field "colour"/],
    ["an unknown field of a condition", withCriterion({ tiers: [{ points: 1, when: [{ kind: "yes", field: "openToNams", negate: true }] }] }), /criteria\.0\.tiers\.0\.when\.0\.negate: unknown field/],
    ["a label of 121 characters", withCriterion({ label: "x".repeat(121) }), /criteria\.0\.label: a label of at most 120 characters/],
    ["a keyword of 101 characters", withCriterion({ tiers: [{ points: 1, when: [{ kind: "keywords", field: "jobTitle", keywords: ["k".repeat(101)] }] }] }), /keywords\.0: a keyword of at most 100 characters/],
    ["a keyword of stars alone", withCriterion({ tiers: [{ points: 1, when: [{ kind: "keywords", field: "jobTitle", keywords: [" * "] }] }] }), /a keyword needs a word besides \*/],
    ["501 keywords in a condition", withCriterion({ tiers: [{ points: 1, when: [{ kind: "keywords", field: "jobTitle", keywords: Array.from({ length: 501 }, (_, i) => `k${i}`) }] }] }), /when\.0\.keywords: at most 500 keywords in one condition/],
    ["51 tiers", withCriterion({ tiers: Array.from({ length: 51 }, () => ({ points: 1, when: [{ kind: "yes", field: "openToNams" }] })) }), /criteria\.0\.tiers: at most 50 tiers in one criterion/],
    ["101 criteria", { ...valid, criteria: Array.from({ length: 101 }, (_, i) => ({ ...valid.criteria[0], id: `c${i}` })) }, /criteria: at most 100 criteria/],
    [
      "5,001 keywords and values in a model",
      { ...valid, criteria: Array.from({ length: 11 }, (_, i) => ({ id: `c${i}`, label: `C${i}`, tiers: [{ points: 1, when: [{ kind: "values", field: "industry", values: Array.from({ length: i === 10 ? 1 : 500 }, (_, j) => `v${j}`) }] }] })) },
      /criteria: at most 5,000 keywords and values in one model/,
    ],
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

  it("accepts a model at every limit", () => {
    const largest = {
      ...valid,
      pointsFor100: 1_000_000,
      criteria: Array.from({ length: 10 }, (_, i) => ({
        id: `c${i}`,
        label: "L".repeat(120),
        mode: "sum",
        max: 10_000,
        otherwise: -10_000,
        tiers: Array.from({ length: 50 }, (_, t) => ({ points: t % 2 ? -10_000 : 10_000, when: [{ kind: "values", field: "industry", values: t === 0 && i < 9 ? Array.from({ length: 500 }, (_, j) => `v${j}`.padEnd(100, "x")) : ["x"] }] })),
      })),
    };
    expect(parseScoringModel(largest).criteria).toHaveLength(10);
  });
});
