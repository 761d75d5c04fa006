import { z } from "zod";
import { BOOLEAN_FIELDS, EXTRA_PREFIX, NUMBER_FIELDS, TEXT_FIELDS, type BooleanField, type ExtraField, type NumberField, type TextField } from "./lead";

/**
 * A scoring model is plain data. Each criterion is a list of tiers. In mode "first" (the
 * default) the first tier with a matching condition gives its points; in mode "sum" every
 * matching tier adds its points, capped at `max`. When no tier matches, the criterion gives
 * `otherwise` (0 by default). A tier matches when any one of its conditions does. Points may
 * be negative (disqualifiers); the score never goes below 0.
 */

/**
 * What one model may hold. Sign-up is open, so a model is sized for a hostile author: each
 * limit keeps a preview, a re-score and the studio page within one company's share, and no
 * sum of points a valid model gives can overflow the database's 32-bit integer columns
 * (100 criteria × 50 tiers × 10,000 points = 50,000,000).
 */
export const MODEL_LIMITS = {
  criteria: 100,
  tiersPerCriterion: 50,
  conditionsPerTier: 50,
  wordsPerCondition: 500,
  wordsPerModel: 5_000,
  wordLength: 100,
  labelLength: 120,
  fieldLength: 130,
  points: 10_000,
  pointsFor100: 1_000_000,
  engagementRules: 50,
  days: 3650,
} as const;

const isExtra = (value: unknown): value is ExtraField =>
  typeof value === "string" && value.startsWith(EXTRA_PREFIX) && value.trim().length > EXTRA_PREFIX.length && value.length <= MODEL_LIMITS.fieldLength;
const fieldOf = <T extends string>(what: string, allowed: readonly string[]) =>
  z
    .custom<T>((value) => (typeof value === "string" && allowed.includes(value)) || isExtra(value), {
      error: (issue) => `unknown ${what} field ${JSON.stringify(issue.input)}`,
    })
    // What the check above accepts, for the OpenAPI document (a custom check has no JSON Schema of its own).
    .meta({ anyOf: [{ type: "string", enum: [...allowed] }, { type: "string", pattern: `^${EXTRA_PREFIX}.*\\S`, maxLength: MODEL_LIMITS.fieldLength }] });
/** Text: the canonical text fields, the email's domain and any extra column. */
const textField = fieldOf<TextField | "emailDomain" | ExtraField>("text", [...TEXT_FIELDS, "emailDomain"]);
/** Numbers: company size, and an extra column whose cell reads as a number. */
const numberField = fieldOf<NumberField | ExtraField>("number", NUMBER_FIELDS);
const booleanField = z.enum([...BOOLEAN_FIELDS, "freeEmail"] as (BooleanField | "freeEmail")[] as [BooleanField | "freeEmail", ...(BooleanField | "freeEmail")[]], {
  error: (issue) => `unknown yes/no field ${JSON.stringify(issue.input)}`,
});
const anyField = z
  .union([textField, numberField, booleanField], { error: (issue) => `unknown field ${JSON.stringify(issue.input)}` })
  .meta({ anyOf: [{ type: "string", enum: [...TEXT_FIELDS, "emailDomain", ...NUMBER_FIELDS, ...BOOLEAN_FIELDS, "freeEmail"] }, { type: "string", pattern: `^${EXTRA_PREFIX}.*\\S`, maxLength: MODEL_LIMITS.fieldLength }] });
const nonEmptyList = (what: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .min(1, `an empty ${what}`)
        .max(MODEL_LIMITS.wordLength, `a ${what} of at most ${MODEL_LIMITS.wordLength} characters`)
        .refine((text) => text.replaceAll("*", "").trim().length > 0, `a ${what} needs a word besides *`),
    )
    .min(1, `no ${what}s listed`)
    .max(MODEL_LIMITS.wordsPerCondition, `at most ${MODEL_LIMITS.wordsPerCondition} ${what}s in one condition`);

export const conditionSchema = z.discriminatedUnion(
  "kind",
  [
    /** Any of the keywords appears in the text as whole words, ignoring case. `*` stands for any words between. */
    z.strictObject({ kind: z.literal("keywords"), field: textField, keywords: nonEmptyList("keyword") }),
    /** The whole value equals one of these, ignoring case and spacing. */
    z.strictObject({ kind: z.literal("values"), field: textField, values: nonEmptyList("value") }),
    /** min ≤ value ≤ max; a missing bound is open. */
    z
      .strictObject({ kind: z.literal("range"), field: numberField, min: z.number().optional(), max: z.number().optional() })
      .refine((range) => range.min === undefined || range.max === undefined || range.min <= range.max, "a range with min above max"),
    /** The yes/no field is yes. */
    z.strictObject({ kind: z.literal("yes"), field: booleanField }),
    /** The field has any value. */
    z.strictObject({ kind: z.literal("present"), field: anyField }),
    /** The field is empty. */
    z.strictObject({ kind: z.literal("missing"), field: anyField }),
  ],
  { error: (issue) => `unknown condition kind ${JSON.stringify((issue.input as { kind?: unknown })?.kind)}` },
);

function pointsFor100Message() {
  return `points for a score of 100 must be a whole number from 1 to ${MODEL_LIMITS.pointsFor100.toLocaleString("en-US")}`;
}

const pointsMessage = `points must be whole numbers from -${MODEL_LIMITS.points.toLocaleString("en-US")} to ${MODEL_LIMITS.points.toLocaleString("en-US")}`;
const points = z.number().int(pointsMessage).min(-MODEL_LIMITS.points, pointsMessage).max(MODEL_LIMITS.points, pointsMessage);

/** An optional id of a criterion or an engagement rule (made from the label when left out), and its label. */
const idSchema = (what: "criterion" | "rule") =>
  z
    .string()
    .regex(/^[a-z][a-zA-Z0-9]*$/, `${what} ids are camelCase letters and digits`)
    .max(MODEL_LIMITS.labelLength, `a ${what} id of at most ${MODEL_LIMITS.labelLength} characters`)
    .optional();
const labelSchema = (what: "criterion" | "rule") =>
  z.string().trim().min(1, `a ${what} needs a label`).max(MODEL_LIMITS.labelLength, `a label of at most ${MODEL_LIMITS.labelLength} characters`);

export const criterionSchema = z.strictObject({
  /** Names the criterion across versions (comparisons, the biggest movers); made from the label when left out. */
  id: idSchema("criterion"),
  label: labelSchema("criterion"),
  tiers: z
    .array(
      z.strictObject({
        when: z
          .array(conditionSchema)
          .min(1, "a tier without conditions")
          .max(MODEL_LIMITS.conditionsPerTier, `at most ${MODEL_LIMITS.conditionsPerTier} conditions in one tier`),
        points,
      }),
    )
    .min(1, "a criterion without tiers")
    .max(MODEL_LIMITS.tiersPerCriterion, `at most ${MODEL_LIMITS.tiersPerCriterion} tiers in one criterion`),
  otherwise: points.default(0),
  mode: z.enum(["first", "sum"], { error: 'mode is "first" or "sum"' }).default("first"),
  /** With mode "sum": the most the criterion gives however many tiers match. */
  max: points.optional(),
});

const threshold = z.number().int("grade thresholds are whole numbers").min(1, "grade thresholds are 1 to 100").max(100, "grade thresholds are 1 to 100");

/** The lowest score of each grade; below C is D. */
export const gradesSchema = z
  .strictObject({ A: threshold, B: threshold, C: threshold })
  .refine((grades) => grades.A > grades.B && grades.B > grades.C, "grade thresholds must fall from A to B to C")
  .meta({ description: "The lowest score of each grade, falling from A to B to C (A > B > C); below C is D." });

export const DEFAULT_GRADES = { A: 80, B: 60, C: 40 };

/**
 * The engagement section (optional): points for what leads do, fading as activities age
 * (lib/scoring/engagement.ts). Each rule matches activities by type (and optionally detail); an
 * activity's points today are `points × (1 − lose/100)^floor(ageDays / everyDays)`, none after
 * `withinDays`; a rule's sum is capped at `max` (negative for a negative rule: the most it takes away).
 */
const daysMessage = `days are whole numbers from 1 to ${MODEL_LIMITS.days.toLocaleString("en-US")}`;
const days = z.number().int(daysMessage).min(1, daysMessage).max(MODEL_LIMITS.days, daysMessage);
/** Any of the keywords appears in the text as whole words, ignoring case (`*`: any words between). */
const keywordsMatch = z.strictObject({ kind: z.literal("keywords"), keywords: nonEmptyList("keyword") });
/** The whole text equals one of these, ignoring case and spacing. */
const valuesMatch = z.strictObject({ kind: z.literal("values"), values: nonEmptyList("value") });
const typeMatch = z.discriminatedUnion("kind", [valuesMatch, keywordsMatch, z.strictObject({ kind: z.literal("any") })], {
  error: (issue) => `unknown activity match ${JSON.stringify((issue.input as { kind?: unknown })?.kind)}: "values", "keywords" or "any"`,
});
const detailMatch = z.discriminatedUnion("kind", [valuesMatch, keywordsMatch], {
  error: (issue) => `unknown detail match ${JSON.stringify((issue.input as { kind?: unknown })?.kind)}: "values" or "keywords"`,
});
const bandMessage = "engagement bands are whole numbers from 1 to 100";
const band = z.number().int(bandMessage).min(1, bandMessage).max(100, bandMessage);

export const engagementRuleSchema = z
  .strictObject({
    id: idSchema("rule"),
    label: labelSchema("rule"),
    /** Which activities the rule counts, by their type. */
    activity: typeMatch,
    /** Points per activity; negative takes away ("Unsubscribed"). */
    points: points.refine((value) => value !== 0, "a rule's points are not 0"),
    /** The most the rule gives (after decay); for a negative rule, negative: the most it takes away. */
    max: points.optional(),
    /** Activities older than this many days count nothing. */
    withinDays: days.optional(),
    /** An activity loses `lose` % of its points every `everyDays` days. */
    decay: z
      .strictObject({
        lose: z.number().int("lose is a whole percentage from 1 to 99").min(1, "lose is a whole percentage from 1 to 99").max(99, "lose is a whole percentage from 1 to 99"),
        everyDays: days,
      })
      .optional(),
    /** Only activities whose detail (URL, campaign, subject) matches. */
    detail: detailMatch.optional(),
  })
  .refine((rule) => rule.max === undefined || (rule.max !== 0 && Math.sign(rule.max) === Math.sign(rule.points)), {
    message: "max has the sign of points (for a negative rule, the most it takes away, as a negative number)",
    path: ["max"],
  });

export const engagementSchema = z.strictObject({
  pointsFor100: z.number().int(pointsFor100Message()).min(1, pointsFor100Message()).max(MODEL_LIMITS.pointsFor100, pointsFor100Message()),
  /** The lowest engagement score of each priority digit; below band 3 is 4. */
  bands: z
    .strictObject({ "1": band, "2": band, "3": band })
    .refine((bands) => bands["1"] > bands["2"] && bands["2"] > bands["3"], "engagement bands must fall from 1 to 2 to 3")
    .default({ "1": 60, "2": 30, "3": 10 }),
  rules: z
    .array(engagementRuleSchema)
    .min(1, "an engagement section without rules")
    .max(MODEL_LIMITS.engagementRules, `at most ${MODEL_LIMITS.engagementRules} engagement rules`),
});

/** A model's definition. It carries no id: a company's models and versions are named by the server. */

export const scoringModelSchema = z
  .strictObject({
    name: z.string().trim().min(1, "a model needs a name").max(100, "a name of at most 100 characters"),
    description: z.string().trim().max(2000, "a description of at most 2,000 characters").default(""),
    pointsFor100: z.number().int(pointsFor100Message()).min(1, pointsFor100Message()).max(MODEL_LIMITS.pointsFor100, pointsFor100Message()),
    grades: gradesSchema.default(DEFAULT_GRADES),
    criteria: z
      .array(criterionSchema)
      .min(1, "a model without criteria")
      .max(MODEL_LIMITS.criteria, `at most ${MODEL_LIMITS.criteria} criteria`)
      .meta({ description: `No two criteria share an id; at most ${MODEL_LIMITS.wordsPerModel.toLocaleString("en-US")} keywords and values in all.` }),
    /** What leads do, scored beside who they are; without it a model scores fit only. */
    engagement: engagementSchema.optional(),
  })
  .refine((model) => wordsIn(model) <= MODEL_LIMITS.wordsPerModel, {
    message: `at most ${MODEL_LIMITS.wordsPerModel.toLocaleString("en-US")} keywords and values in one model`,
    path: ["criteria"],
  })
  .refine((model) => {
    const ids = model.criteria.flatMap((c) => (c.id ? [c.id] : []));
    return new Set(ids).size === ids.length;
  }, "two criteria share an id")
  .refine(
    (model) => {
      const ids = (model.engagement?.rules ?? []).flatMap((r) => (r.id ? [r.id] : []));
      return new Set(ids).size === ids.length;
    },
    { message: "two engagement rules share an id", path: ["engagement", "rules"] },
  )
  .transform((model) => ({
    ...model,
    criteria: withIds(model.criteria),
    ...(model.engagement ? { engagement: { ...model.engagement, rules: withIds(model.engagement.rules) } } : {}),
  }));

type TextMatch = { kind: string; keywords?: string[]; values?: string[] };

function wordsIn(model: { criteria: { tiers: { when: Condition[] }[] }[]; engagement?: { rules: { activity: TextMatch; detail?: TextMatch }[] } }): number {
  let words = 0;
  for (const rule of model.engagement?.rules ?? []) {
    for (const match of [rule.activity, rule.detail]) words += (match?.keywords?.length ?? 0) + (match?.values?.length ?? 0);
  }
  for (const criterion of model.criteria) {
    for (const tier of criterion.tiers) for (const condition of tier.when) if (condition.kind === "keywords") words += condition.keywords.length;
    else if (condition.kind === "values") words += condition.values.length;
  }
  return words;
}

/** Gives each criterion without an id one made from its label, unique within the model. */
function withIds<C extends { id?: string; label: string }>(criteria: C[]): (C & { id: string })[] {
  const taken = new Set(criteria.flatMap((c) => (c.id ? [c.id] : [])));
  return criteria.map((criterion) => {
    if (criterion.id) return { ...criterion, id: criterion.id };
    const words = criterion.label.normalize("NFD").replace(/[^A-Za-z0-9 ]+/g, " ").trim().split(/\s+/).filter(Boolean);
    const base = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join("").replace(/^[0-9]+/, "") || "criterion";
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
    taken.add(id);
    return { ...criterion, id };
  });
}

export type Condition = z.infer<typeof conditionSchema>;
export type Criterion = z.infer<typeof scoringModelSchema>["criteria"][number];
export type ScoringModel = z.infer<typeof scoringModelSchema>;
export type ScoringModelInput = z.input<typeof scoringModelSchema>;
export type Engagement = NonNullable<ScoringModel["engagement"]>;
export type EngagementRule = Engagement["rules"][number];

/**
 * The stored lead columns the model reads: its canonical fields, `email` for the derived
 * fields and `extra` for extra columns. A re-score or a preview reads only these.
 */
export function columnsRead(model: ScoringModel): string[] {
  const columns = new Set<string>();
  for (const criterion of model.criteria) {
    for (const tier of criterion.tiers) {
      for (const { field } of tier.when) columns.add(field.startsWith(EXTRA_PREFIX) ? "extra" : field === "emailDomain" || field === "freeEmail" ? "email" : field);
    }
  }
  return [...columns];
}

export type ModelIssue = { path: string; message: string };

/** Validates a model: the model, or every problem with the path it concerns (`criteria.0.tiers`). */
export function checkScoringModel(input: unknown): { ok: true; model: ScoringModel } | { ok: false; issues: ModelIssue[] } {
  const result = scoringModelSchema.safeParse(input);
  if (result.success) return { ok: true, model: result.data };
  // An unknown key is named by its own path, as every other problem is.
  const issues = result.error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: [...issue.path, key].join("."), message: `unknown field ${JSON.stringify(key)}` }))
      : [{ path: issue.path.join("."), message: issue.message }],
  );
  return { ok: false, issues };
}

/** Validates a model, throwing one message that names every problem and where it is. */
export function parseScoringModel(input: unknown): ScoringModel {
  const result = checkScoringModel(input);
  if (result.ok) return result.model;
  throw new Error(`Invalid scoring model: ${result.issues.map((issue) => `${issue.path || "model"}: ${issue.message}`).join("; ")}`);
}
