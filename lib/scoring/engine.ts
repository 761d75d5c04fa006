import type { LeadField, ScorableLead } from "./lead";
import type { Condition, Criterion, ScoringModel } from "./model";

export type Grade = "A" | "B" | "C" | "D";

export type BreakdownEntry = {
  /** Criterion id and label, as in the model. */
  criterion: string;
  label: string;
  /** The lead's value the criterion looked at (the one that matched, if any). */
  value: string | number | boolean | null;
  /** What matched: the keyword found, the value, the range; null when no tier matched. */
  matched: string | null;
  points: number;
};

export type ScoreResult = { rawPoints: number; score: number; grade: Grade; breakdown: BreakdownEntry[] };

export function gradeFor(score: number): Grade {
  return score >= 80 ? "A" : score >= 60 ? "B" : score >= 40 ? "C" : "D";
}

/** score = min(100, round(100 × rawPoints / pointsFor100)) */
export function scoreFromPoints(rawPoints: number, pointsFor100: number): number {
  return Math.min(100, Math.round((100 * rawPoints) / pointsFor100));
}

type Value = BreakdownEntry["value"];
type Match = { value: Value; matched: string };
type CompiledCondition = { field: LeadField; test: (value: Value) => Match | null };

/**
 * One case-insensitive regular expression for a list of keywords, matching whole words
 * only: "Director" does not contain "CTO", "Headhunter" is not "Head". A space in a keyword
 * also matches a dash ("in vitro" finds "In-Vitro"); `*` stands for any words in between.
 */
export function keywordPattern(keywords: string[]): RegExp {
  const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "[\\s-]+");
  const alternatives = keywords.map((keyword) =>
    keyword
      .split("*")
      .map((part) => escape(part.trim()))
      .join("[^\\p{L}\\p{N}](?:.*[^\\p{L}\\p{N}])?"),
  );
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "iu");
}

export const normaliseValue = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

const isEmpty = (value: Value) => value === null || value === undefined || (typeof value === "string" && value.trim() === "");

function compileCondition(condition: Condition): CompiledCondition {
  switch (condition.kind) {
    case "keywords": {
      const pattern = keywordPattern(condition.keywords);
      return {
        field: condition.field,
        test: (value) => {
          const found = typeof value === "string" ? pattern.exec(value) : null;
          return found ? { value, matched: found[0] } : null;
        },
      };
    }
    case "values": {
      const values = new Map(condition.values.map((v) => [normaliseValue(v), v]));
      return {
        field: condition.field,
        test: (value) => {
          const matched = typeof value === "string" ? values.get(normaliseValue(value)) : undefined;
          return matched === undefined ? null : { value, matched };
        },
      };
    }
    case "range": {
      const { min = -Infinity, max = Infinity } = condition;
      const matched = max === Infinity ? `≥ ${min}` : min === -Infinity ? `≤ ${max}` : `${min}–${max}`;
      return {
        field: condition.field,
        test: (value) => (typeof value === "number" && value >= min && value <= max ? { value, matched } : null),
      };
    }
    case "yes":
      return { field: condition.field, test: (value) => (value === true ? { value, matched: "yes" } : null) };
    case "present":
      return { field: condition.field, test: (value) => (isEmpty(value) ? null : { value, matched: "any value" }) };
  }
}

/** Most leads share titles, industries and locations, so each criterion remembers its answers. */
const CACHE_LIMIT = 50_000;

function compileCriterion(criterion: Criterion): (lead: ScorableLead) => BreakdownEntry {
  const tiers = criterion.tiers.map((tier) => ({ points: tier.points, when: tier.when.map(compileCondition) }));
  const fields = [...new Set(tiers.flatMap((tier) => tier.when.map((c) => c.field)))];
  const primary = fields[0];

  const evaluate = (lead: ScorableLead): BreakdownEntry => {
    for (const tier of tiers) {
      for (const condition of tier.when) {
        const match = condition.test(lead[condition.field] ?? null);
        if (match) return Object.freeze({ criterion: criterion.id, label: criterion.label, ...match, points: tier.points });
      }
    }
    const value = lead[primary] ?? null;
    return Object.freeze({ criterion: criterion.id, label: criterion.label, value, matched: null, points: criterion.otherwise });
  };

  // One map level per field the criterion reads: value → … → entry.
  type Level = Map<unknown, Level | BreakdownEntry>;
  let cache: Level = new Map();
  let cached = 0;
  return (lead) => {
    let level = cache;
    for (let i = 0; i < fields.length - 1; i++) {
      const key = lead[fields[i]] ?? null;
      let next = level.get(key) as Level | undefined;
      if (next === undefined) level.set(key, (next = new Map()));
      level = next;
    }
    const key = lead[fields[fields.length - 1]] ?? null;
    let entry = level.get(key) as BreakdownEntry | undefined;
    if (entry === undefined) {
      if (++cached > CACHE_LIMIT) {
        cache = new Map();
        cached = 0;
        return evaluate(lead);
      }
      entry = evaluate(lead);
      level.set(key, entry);
    }
    return entry;
  };
}

export type CompiledModel = { model: ScoringModel; score: (lead: ScorableLead) => ScoreResult };

/** Compiles a validated model once (regular expressions, value sets); score many leads with it. */
export function compileModel(model: ScoringModel): CompiledModel {
  const criteria = model.criteria.map(compileCriterion);
  return {
    model,
    score(lead) {
      const breakdown = new Array<BreakdownEntry>(criteria.length);
      let rawPoints = 0;
      for (let i = 0; i < criteria.length; i++) {
        const entry = criteria[i](lead);
        breakdown[i] = entry;
        rawPoints += entry.points;
      }
      const score = scoreFromPoints(rawPoints, model.pointsFor100);
      return { rawPoints, score, grade: gradeFor(score), breakdown };
    },
  };
}

const compiled = new WeakMap<ScoringModel, CompiledModel>();

/** Scores one lead. For many leads, compile the model once with `compileModel`. */
export function scoreLead(lead: ScorableLead, model: ScoringModel): ScoreResult {
  let compiledModel = compiled.get(model);
  if (!compiledModel) {
    compiledModel = compileModel(model);
    compiled.set(model, compiledModel);
  }
  return compiledModel.score(lead);
}
