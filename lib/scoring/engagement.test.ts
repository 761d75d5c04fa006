import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileEngagement, digitFor, priorityOf, priorityRank, type ScorableActivity } from "./engagement";
import { checkScoringModel, parseScoringModel, type Engagement } from "./model";
import { PRESETS } from "./presets";

/** A template's definition without its id, as a company's model holds it. */
const BASE = Object.fromEntries(Object.entries(PRESETS[0]).filter(([key]) => key !== "id"));
const AT = new Date("2026-12-03T06:00:00Z");
const ago = (days: number, type = "Demo requested", detail: string | null = null): ScorableActivity => ({ type, occurredAt: new Date(AT.getTime() - days * 86_400_000), detail });

/** A model with an engagement section, validated as any model is. */
function engagementOf(section: unknown): Engagement {
  return parseScoringModel({ ...BASE, engagement: section }).engagement!;
}

const SECTION = {
  pointsFor100: 40,
  bands: { 1: 60, 2: 30, 3: 10 },
  rules: [
    { id: "demo", label: "Demo requested", activity: { kind: "values", values: ["Demo requested", "Meeting booked"] }, points: 25, max: 40, withinDays: 180, decay: { lose: 50, everyDays: 30 } },
    { id: "pricing", label: "Pricing page", activity: { kind: "keywords", keywords: ["page view"] }, detail: { kind: "keywords", keywords: ["pricing"] }, points: 5 },
    { id: "unsubscribed", label: "Unsubscribed", activity: { kind: "values", values: ["unsubscribed"] }, points: -20, max: -40 },
  ],
};

describe("engagement scoring", () => {
  const engagement = compileEngagement(engagementOf(SECTION));

  it("decays each activity's points by whole steps of its age, caps the rule, and leaves out what is past its window", () => {
    // 10 days: no step yet, 25; 40 days: one step, 12.5; 200 days: past 180, nothing.
    const result = engagement.score([ago(10), ago(40, "meeting BOOKED"), ago(200)], AT);
    expect(result.breakdown[0]).toEqual({ rule: "demo", label: "Demo requested", activities: 2, points: 37.5, capped: 0, total: 37.5 });
    // Two recent demos give 50, capped at 40.
    const capped = engagement.score([ago(1), ago(2)], AT).breakdown[0];
    expect(capped).toMatchObject({ activities: 2, points: 50, capped: 10, total: 40 });
    // 36 hours is 1.5 days; 30 days exactly is one step.
    expect(engagement.score([ago(30)], AT).breakdown[0].points).toBe(12.5);
    expect(engagement.score([ago(29.999)], AT).breakdown[0].points).toBe(25);
  });

  it("counts nothing dated after the moment of scoring, and adds up to the score, its digit and the priority", () => {
    expect(engagement.score([ago(-1)], AT)).toMatchObject({ points: 0, score: 0, digit: 4 });
    // 25 (demo) + 5 (pricing page view) = 30 of 40 → 75 → digit 1.
    const result = engagement.score([ago(3), ago(1, "Page view", "https://acme.example/pricing"), ago(1, "Page view", "https://acme.example/blog")], AT);
    expect(result.breakdown.map((entry) => entry.total)).toEqual([25, 5, 0]);
    expect(result).toMatchObject({ points: 30, score: 75, digit: 1 });
    expect(priorityOf("B", result.digit)).toBe("B1");
  });

  it("takes away with a negative rule, at most its max, and never goes below 0", () => {
    const result = engagement.score([ago(1, "Unsubscribed"), ago(2, "unsubscribed"), ago(3, "Unsubscribed"), ago(4)], AT);
    expect(result.breakdown[2]).toMatchObject({ activities: 3, points: -60, capped: -20, total: -40 });
    expect(result).toMatchObject({ points: -15, score: 0, digit: 4 });
  });

  it("orders priority cells by letter and digit together: A1, then A2 and B1, …, D4", () => {
    const cells = ["D4", "B1", "A2", "C1", "A1", "B2", "A3"];
    expect([...cells].sort((a, b) => priorityRank(a) - priorityRank(b) || a.localeCompare(b))).toEqual(["A1", "A2", "B1", "A3", "B2", "C1", "D4"]);
    expect([digitFor(60, { 1: 60, 2: 30, 3: 10 }), digitFor(59, { 1: 60, 2: 30, 3: 10 }), digitFor(10, { 1: 60, 2: 30, 3: 10 }), digitFor(9, { 1: 60, 2: 30, 3: 10 })]).toEqual([1, 2, 3, 4]);
  });

  it("matches what a plain reference computes, for random rules and activities", () => {
    const types = ["Demo requested", "demo REQUESTED", "Page view", "Email clicked", "Unsubscribed"];
    const rule = fc.record({
      values: fc.subarray(types, { minLength: 1 }),
      points: fc.integer({ min: -50, max: 50 }).filter((p) => p !== 0),
      max: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
      withinDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
      decay: fc.option(fc.record({ lose: fc.integer({ min: 1, max: 99 }), everyDays: fc.integer({ min: 1, max: 90 }) }), { nil: undefined }),
    });
    const activity = fc.record({ type: fc.constantFrom(...types), days: fc.double({ min: -5, max: 500, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 5 }), fc.array(activity, { maxLength: 30 }), fc.integer({ min: 1, max: 500 }), (rules, activities, pointsFor100) => {
        const section = {
          pointsFor100,
          rules: rules.map((r, i) => ({ label: `Rule ${i}`, activity: { kind: "values", values: r.values }, points: r.points, max: r.max === undefined ? undefined : Math.sign(r.points) * r.max, withinDays: r.withinDays, decay: r.decay })),
        };
        const result = compileEngagement(engagementOf(section)).score(activities.map((a) => ago(a.days, a.type)), AT);
        // The reference: the formula of the issue, written out plainly.
        let sum = 0;
        section.rules.forEach((r, i) => {
          let points = 0;
          for (const a of activities) {
            const ageDays = (AT.getTime() - ago(a.days).occurredAt.getTime()) / 86_400_000;
            if (ageDays < 0 || !r.activity.values.some((v) => v.toLowerCase() === a.type.toLowerCase())) continue;
            if (r.withinDays !== undefined && ageDays > r.withinDays) continue;
            points += r.points * (r.decay ? (1 - r.decay.lose / 100) ** Math.floor(ageDays / r.decay.everyDays) : 1);
          }
          const total = r.max === undefined ? points : r.max > 0 ? Math.min(points, r.max) : Math.max(points, r.max);
          expect(result.breakdown[i].total).toBeCloseTo(total, 9);
          sum += total;
        });
        expect(result.points).toBeCloseTo(sum, 9);
        expect(result.score).toBe(Math.max(0, Math.min(100, Math.round((100 * result.points) / pointsFor100))));
      }),
      { numRuns: 300 },
    );
  });
});

describe("the engagement section of a model", () => {
  const issuesOf = (section: unknown) => {
    const checked = checkScoringModel({ ...BASE, engagement: section });
    return checked.ok ? [] : checked.issues;
  };

  it("is optional: a model without it has none", () => {
    expect(parseScoringModel(BASE).engagement).toBeUndefined();
    expect(engagementOf({ pointsFor100: 10, rules: [{ label: "Any activity", activity: { kind: "any" }, points: 1 }] })).toMatchObject({
      bands: { 1: 60, 2: 30, 3: 10 },
      rules: [{ id: "anyActivity" }],
    });
  });

  it("names the path of every problem", () => {
    const rule = (extra: object) => ({ label: "Demo", activity: { kind: "values", values: ["Demo requested"] }, points: 25, ...extra });
    const section = { pointsFor100: 40, rules: [rule({}), rule({}), rule({ decay: { lose: 50, everyDays: 0 } })] };
    expect(issuesOf(section)).toEqual([{ path: "engagement.rules.2.decay.everyDays", message: "days are whole numbers from 1 to 3,650" }]);
    expect(issuesOf({ ...section, rules: [rule({ decay: { lose: 100, everyDays: 30 } })] })[0]).toMatchObject({ path: "engagement.rules.0.decay.lose" });
    expect(issuesOf({ ...section, rules: [rule({ max: -10 })] })[0]).toMatchObject({ path: "engagement.rules.0.max", message: expect.stringMatching(/sign of points/) });
    expect(issuesOf({ ...section, rules: [rule({ points: 10_001 })] })[0]).toMatchObject({ path: "engagement.rules.0.points" });
    expect(issuesOf({ ...section, rules: [rule({ withinDays: 3651 })] })[0]).toMatchObject({ path: "engagement.rules.0.withinDays" });
    expect(issuesOf({ ...section, bands: { 1: 30, 2: 30, 3: 10 } })[0]).toMatchObject({ path: "engagement.bands", message: expect.stringMatching(/fall from 1 to 2 to 3/) });
    expect(issuesOf({ ...section, rules: Array.from({ length: 51 }, () => rule({})) })[0]).toMatchObject({ path: "engagement.rules", message: "at most 50 engagement rules" });
    expect(issuesOf({ ...section, rules: [rule({ activity: { kind: "regex", pattern: "." } })] })[0]).toMatchObject({ path: "engagement.rules.0.activity.kind" });
    expect(issuesOf({ ...section, rules: [rule({ activity: { kind: "values", values: Array.from({ length: 501 }, (_, i) => `t${i}`) } })] })[0]).toMatchObject({
      path: "engagement.rules.0.activity.values",
    });
    expect(issuesOf({ ...section, rules: [rule({ colour: "red" })] })[0]).toMatchObject({ path: "engagement.rules.0.colour", message: 'unknown field "colour"' });
  });

  it("matches types by whole words in linear time, whatever the pattern", () => {
    const hostile = compileEngagement(engagementOf({ pointsFor100: 10, rules: [{ label: "Odd", activity: { kind: "keywords", keywords: ["a * a * a * a * b"] }, points: 1 }] }));
    const type = "a ".repeat(5000);
    const t0 = performance.now();
    expect(hostile.score([{ type, occurredAt: AT, detail: null }], AT).points).toBe(0);
    expect(performance.now() - t0).toBeLessThan(50);
  });
});
