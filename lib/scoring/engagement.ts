import { normaliseValue, scoreFromPoints, type Grade } from "./engine";
import { keywordMatcher } from "./keywords";
import type { Engagement, EngagementRule } from "./model";

/**
 * Engagement: points for what a lead did, fading as its activities age, beside the fit score
 * (docs/scoring.md#engagement). As of a moment `at`:
 * - an activity's points = `points × (1 − lose/100)^floor(ageDays / everyDays)`, `ageDays` the
 *   time since it in days (36 hours is 1.5); 0 when `ageDays > withinDays`, and 0 for an activity
 *   dated after `at`;
 * - a rule's points = the sum over the activities it matches, capped at `max` (a negative rule's
 *   `max` is negative: the most it takes away); an activity counts in every rule it matches;
 * - engagement score = clamp(round(100 × Σ rule points / pointsFor100), 0, 100);
 * - its digit: 1 at or above band 1, 2 at or above band 2, 3 at or above band 3, else 4;
 * - priority = the fit grade's letter + the digit ("A1" … "D4").
 */

/** What engagement reads of one activity: its type (as named), when, and its detail. */
export type ScorableActivity = { type: string; occurredAt: Date; detail: string | null };

export type EngagementEntry = {
  /** Rule id and label, as in the model. */
  rule: string;
  label: string;
  /** Activities the rule matched and that count at `at` (not after it, within its window). */
  activities: number;
  /** Their points after decay, before the cap. */
  points: number;
  /** What the cap took away (0 when it took nothing). */
  capped: number;
  /** What the rule gives: points − capped. */
  total: number;
};

export type EngagementResult = { points: number; score: number; digit: Digit; breakdown: EngagementEntry[] };
export type Digit = 1 | 2 | 3 | 4;

const DAY_MS = 24 * 60 * 60 * 1000;

type CompiledRule = {
  rule: EngagementRule & { id: string };
  matches: (activity: ScorableActivity) => boolean;
  /** Whether an activity this old counts (its window), and its points then (after decay). */
  counts: (ageDays: number) => boolean;
  at: (ageDays: number) => number;
};

function textTest(match: { kind: string; keywords?: string[]; values?: string[] }): (text: string | null) => boolean {
  if (match.kind === "any") return () => true;
  if (match.kind === "values") {
    const values = new Set(match.values!.map(normaliseValue));
    return (text) => text !== null && values.has(normaliseValue(text));
  }
  const find = keywordMatcher(match.keywords!);
  return (text) => text !== null && find(text) !== null;
}

function compileRule(rule: EngagementRule & { id: string }): CompiledRule {
  const type = textTest(rule.activity);
  const detail = rule.detail ? textTest(rule.detail) : null;
  const keep = rule.decay ? 1 - rule.decay.lose / 100 : 1;
  const every = rule.decay?.everyDays ?? 1;
  return {
    rule,
    matches: (activity) => type(activity.type) && (detail === null || detail(activity.detail)),
    counts: (ageDays) => rule.withinDays === undefined || ageDays <= rule.withinDays,
    at: (ageDays) => (rule.decay ? rule.points * keep ** Math.floor(ageDays / every) : rule.points),
  };
}

export type CompiledEngagement = {
  engagement: Engagement;
  /** A lead's engagement as of `at`, from its activities. */
  score: (activities: readonly ScorableActivity[], at: Date) => EngagementResult;
};

/** Prepares an engagement section for scoring many leads (matchers built once). */
export function compileEngagement(engagement: Engagement): CompiledEngagement {
  const rules = (engagement.rules as (EngagementRule & { id: string })[]).map(compileRule);
  return {
    engagement,
    score: (activities, at) => {
      const now = at.getTime();
      const sums = rules.map(() => ({ activities: 0, points: 0 }));
      for (const activity of activities) {
        const age = now - activity.occurredAt.getTime();
        if (age < 0) continue;
        const ageDays = age / DAY_MS;
        rules.forEach((compiled, index) => {
          if (!compiled.counts(ageDays) || !compiled.matches(activity)) return;
          sums[index].activities++;
          sums[index].points += compiled.at(ageDays);
        });
      }
      const breakdown = rules.map(({ rule }, index): EngagementEntry => {
        const { activities: counted, points } = sums[index];
        const total = rule.max === undefined ? points : rule.max > 0 ? Math.min(points, rule.max) : Math.max(points, rule.max);
        return { rule: rule.id, label: rule.label, activities: counted, points, capped: points - total, total };
      });
      const sum = breakdown.reduce((all, entry) => all + entry.total, 0);
      const score = scoreFromPoints(sum, engagement.pointsFor100);
      return { points: sum, score, digit: digitFor(score, engagement.bands), breakdown };
    },
  };
}

export function digitFor(score: number, bands: Engagement["bands"]): Digit {
  return score >= bands["1"] ? 1 : score >= bands["2"] ? 2 : score >= bands["3"] ? 3 : 4;
}

/** "A1" … "D4": the fit grade's letter and the engagement digit. */
export const priorityOf = (grade: Grade, digit: Digit) => `${grade}${digit}`;

/**
 * Where a priority cell stands, best first: the letter's rank plus the digit (A1 is 1; A2 and
 * B1 are 2; A3, B2 and C1 are 3; … D4 is 7). Ties go to the fit score, then the engagement.
 */
export function priorityRank(priority: string): number {
  return "ABCD".indexOf(priority[0]) + Number(priority[1]);
}
