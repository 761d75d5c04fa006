import { EXTRA_PREFIX, FREE_EMAIL_DOMAINS, type FieldRef, type ScorableLead } from "./lead";
import { keywordMatcher } from "./keywords";
import { DEFAULT_GRADES, type Condition, type Criterion, type ScoringModel } from "./model";

/** The grades, best first; below C is D. */
export const GRADES = ["A", "B", "C", "D"] as const;
export type Grade = (typeof GRADES)[number];

export type BreakdownEntry = {
  /** Criterion id and label, as in the model. */
  criterion: string;
  label: string;
  /** The lead's value the criterion looked at (the one that matched, if any). */
  value: string | number | boolean | null;
  /** What matched: the keyword found, the value, the range; null when no tier matched. */
  matched: string | null;
  points: number;
  /** The tiers that matched, by position in the criterion (mode "first": at most one); none: otherwise. */
  tiers: readonly number[];
  /** Mode "sum": every tier that matched, with its points, and what the cap took away. */
  parts?: { matched: string; points: number }[];
  capped?: number;
};

export type ScoreResult = { rawPoints: number; score: number; grade: Grade; breakdown: BreakdownEntry[] };

export function gradeFor(score: number, grades: { A: number; B: number; C: number } = DEFAULT_GRADES): Grade {
  return score >= grades.A ? "A" : score >= grades.B ? "B" : score >= grades.C ? "C" : "D";
}

/** score = clamp(round(100 × rawPoints / pointsFor100), 0, 100), rounding half up. */
export function scoreFromPoints(rawPoints: number, pointsFor100: number): number {
  return Math.max(0, Math.min(100, Math.round((100 * rawPoints) / pointsFor100)));
}

type Value = BreakdownEntry["value"];
type Match = { value: Value; matched: string };
type CompiledCondition = { field: FieldRef; test: (value: Value) => Match | null };

/** The part of an email after its last `@`, lower-cased. */
const emailDomain = (email: string | null | undefined) => (email && email.includes("@") ? email.slice(email.lastIndexOf("@") + 1).trim().toLowerCase() : null);

/** An extra column's cell by header (given lower-cased), case-insensitive. */
export function extraCell(extra: unknown, header: string): string | null {
  if (!extra || typeof extra !== "object") return null;
  for (const [key, value] of Object.entries(extra)) if (key.toLowerCase() === header && typeof value === "string") return value;
  return null;
}

/** How each field is read off a lead: canonical fields as they are, derived ones worked out. */
function readerOf(field: FieldRef): (lead: ScorableLead) => Value {
  if (field === "emailDomain") return (lead) => emailDomain(lead.email);
  if (field === "freeEmail") {
    return (lead) => {
      const domain = emailDomain(lead.email);
      return domain === null ? null : FREE_EMAIL_DOMAINS.has(domain);
    };
  }
  if (field.startsWith(EXTRA_PREFIX)) {
    const header = field.slice(EXTRA_PREFIX.length).trim().toLowerCase();
    return (lead) => extraCell(lead.extra, header);
  }
  return (lead) => (lead[field as keyof ScorableLead] as Value | undefined) ?? null;
}

/** A number in a text cell, as people write them: 1200, 1,200, 1200.5, -3. */
function numberIn(value: Value): number | null {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return null;
  const text = value.trim();
  return /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(text) ? Number(text.replaceAll(",", "")) : null;
}

/** A value as value sets compare it: NFC, trimmed, spacing collapsed, lower-cased. */
export const normaliseValue = (text: string) => text.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();

const isEmpty = (value: Value) => value === null || value === undefined || (typeof value === "string" && value.trim() === "");

function compileCondition(condition: Condition): CompiledCondition {
  switch (condition.kind) {
    case "keywords": {
      const find = keywordMatcher(condition.keywords);
      return {
        field: condition.field,
        test: (value) => {
          const matched = typeof value === "string" ? find(value) : null;
          return matched === null ? null : { value, matched };
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
      // A canonical number field holds numbers; an extra column holds text that may read as one.
      const asNumber = condition.field.startsWith(EXTRA_PREFIX) ? numberIn : (value: Value) => (typeof value === "number" ? value : null);
      return {
        field: condition.field,
        test: (value) => {
          const number = asNumber(value);
          return number !== null && number >= min && number <= max ? { value: number, matched } : null;
        },
      };
    }
    case "yes":
      return { field: condition.field, test: (value) => (value === true ? { value, matched: "yes" } : null) };
    case "present":
      return { field: condition.field, test: (value) => (isEmpty(value) ? null : { value, matched: "any value" }) };
    case "missing":
      return { field: condition.field, test: (value) => (isEmpty(value) ? { value: null, matched: "empty" } : null) };
  }
}

const NONE: readonly number[] = Object.freeze([]);

/** Most leads share titles, industries and locations, so each criterion remembers its answers. */
const CACHE_LIMIT = 50_000;

function compileCriterion(criterion: Criterion): (lead: ScorableLead) => BreakdownEntry {
  const fields = [...new Set(criterion.tiers.flatMap((tier) => tier.when.map((c) => c.field)))];
  const readers = fields.map(readerOf);
  // Each condition carries its field's reader: no lookup per lead.
  const tiers = criterion.tiers.map((tier) => ({
    points: tier.points,
    when: tier.when.map((condition) => ({ ...compileCondition(condition), read: readers[fields.indexOf(condition.field)] })),
  }));
  const primary = readers[0];
  const entry = (result: Omit<BreakdownEntry, "criterion" | "label">) => Object.freeze({ criterion: criterion.id, label: criterion.label, ...result });
  const firstMatch = (lead: ScorableLead, tier: (typeof tiers)[number]) => {
    for (const condition of tier.when) {
      const match = condition.test(condition.read(lead));
      if (match) return match;
    }
    return null;
  };

  const evaluate = (lead: ScorableLead): BreakdownEntry => {
    if (criterion.mode === "sum") {
      const parts: { matched: string; points: number }[] = [];
      const matchedTiers: number[] = [];
      let value: Value = null;
      tiers.forEach((tier, index) => {
        const match = firstMatch(lead, tier);
        if (match) {
          if (parts.length === 0) value = match.value;
          parts.push({ matched: match.matched, points: tier.points });
          matchedTiers.push(index);
        }
      });
      if (parts.length === 0) return entry({ value: primary(lead), matched: null, points: criterion.otherwise, tiers: NONE });
      const total = parts.reduce((sum, part) => sum + part.points, 0);
      const points = criterion.max === undefined ? total : Math.min(total, criterion.max);
      return entry({ value, matched: parts.map((part) => part.matched).join(", "), points, tiers: matchedTiers, parts, capped: total - points });
    }
    for (let index = 0; index < tiers.length; index++) {
      const match = firstMatch(lead, tiers[index]);
      if (match) return entry({ ...match, points: tiers[index].points, tiers: [index] });
    }
    return entry({ value: primary(lead), matched: null, points: criterion.otherwise, tiers: NONE });
  };

  // One map level per field the criterion reads: value → … → entry.
  type Level = Map<unknown, Level | BreakdownEntry>;
  let cache: Level = new Map();
  let cached = 0;
  return (lead) => {
    let level = cache;
    for (let i = 0; i < fields.length - 1; i++) {
      const key = readers[i](lead);
      let next = level.get(key) as Level | undefined;
      if (next === undefined) level.set(key, (next = new Map()));
      level = next;
    }
    const key = readers[readers.length - 1](lead);
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
      return { rawPoints, score, grade: gradeFor(score, model.grades), breakdown };
    },
  };
}

/**
 * What a lead stores of its breakdown: the points of each criterion that gave any, by criterion
 * id. Rules that give a lead nothing leave no trace, so adding a rule, or one that changes a
 * few leads, changes only those leads' stored breakdown.
 */
export type StoredBreakdown = Record<string, number>;

export function storedBreakdown(breakdown: BreakdownEntry[]): StoredBreakdown {
  const stored: StoredBreakdown = {};
  for (const entry of breakdown) if (entry.points !== 0) stored[entry.criterion] = entry.points;
  return stored;
}

/**
 * A stored breakdown exactly as PostgreSQL prints the jsonb value (keys shorter first, then in
 * byte order; `": "` and `", "` between). Criterion ids are plain ASCII letters and digits, so
 * nothing needs escaping. Comparing this text with the stored one, as text, tells whether a
 * lead's breakdown changed without parsing every lead's JSON.
 */
export function breakdownText(stored: StoredBreakdown): string {
  const keys = Object.keys(stored).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((key) => `"${key}": ${stored[key]}`).join(", ")}}`;
}

/** The points a stored breakdown gives a criterion (0 when it has none). */
export const storedPoints = (stored: unknown, criterionId: string): number =>
  // Own keys only: a criterion may be called "constructor" or "toString".
  stored && typeof stored === "object" && !Array.isArray(stored) && Object.hasOwn(stored, criterionId) ? Number((stored as StoredBreakdown)[criterionId]) : 0;

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
