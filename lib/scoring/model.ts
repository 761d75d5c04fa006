import { z } from "zod";
import { BOOLEAN_FIELDS, NUMBER_FIELDS, TEXT_FIELDS } from "./lead";

/**
 * A scoring model is plain data. Each criterion is a list of tiers; the first tier with a
 * matching condition gives its points, otherwise the criterion gives `otherwise` (0 by default).
 * A tier matches when any one of its conditions does.
 */

const textField = z.enum(TEXT_FIELDS, { error: (issue) => `unknown text field ${JSON.stringify(issue.input)}` });
const numberField = z.enum(NUMBER_FIELDS, { error: (issue) => `unknown number field ${JSON.stringify(issue.input)}` });
const booleanField = z.enum(BOOLEAN_FIELDS, { error: (issue) => `unknown yes/no field ${JSON.stringify(issue.input)}` });
const nonEmptyList = (what: string) => z.array(z.string().trim().min(1, `an empty ${what}`)).min(1, `no ${what}s listed`);

export const conditionSchema = z.discriminatedUnion(
  "kind",
  [
    /** Any of the keywords appears in the text as whole words, ignoring case. `*` stands for any words between. */
    z.object({ kind: z.literal("keywords"), field: textField, keywords: nonEmptyList("keyword") }),
    /** The whole value equals one of these, ignoring case and spacing. */
    z.object({ kind: z.literal("values"), field: textField, values: nonEmptyList("value") }),
    /** min ≤ value ≤ max; a missing bound is open. */
    z
      .object({ kind: z.literal("range"), field: numberField, min: z.number().optional(), max: z.number().optional() })
      .refine((range) => range.min === undefined || range.max === undefined || range.min <= range.max, "a range with min above max"),
    /** The yes/no field is yes. */
    z.object({ kind: z.literal("yes"), field: booleanField }),
    /** The field has any value. */
    z.object({ kind: z.literal("present"), field: z.union([textField, numberField, booleanField]) }),
  ],
  { error: (issue) => `unknown condition kind ${JSON.stringify((issue.input as { kind?: unknown })?.kind)}` },
);

const points = z.number().int("points must be whole numbers").min(0, "points cannot be negative");

export const criterionSchema = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, "criterion ids are camelCase letters and digits"),
  label: z.string().trim().min(1, "a criterion needs a label"),
  tiers: z
    .array(z.object({ when: z.array(conditionSchema).min(1, "a tier without conditions"), points }))
    .min(1, "a criterion without tiers"),
  otherwise: points.default(0),
});

export const scoringModelSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "model ids are lower-case letters, digits and dashes"),
    name: z.string().trim().min(1),
    description: z.string().trim().default(""),
    pointsFor100: z.number().positive("pointsFor100 must be above 0"),
    criteria: z.array(criterionSchema).min(1, "a model without criteria"),
  })
  .refine((model) => new Set(model.criteria.map((c) => c.id)).size === model.criteria.length, "two criteria share an id");

export type Condition = z.infer<typeof conditionSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type ScoringModel = z.infer<typeof scoringModelSchema>;
export type ScoringModelInput = z.input<typeof scoringModelSchema>;

/** Validates a model, throwing one message that names every problem and where it is. */
export function parseScoringModel(input: unknown): ScoringModel {
  const result = scoringModelSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "model"}: ${issue.message}`);
  throw new Error(`Invalid scoring model: ${problems.join("; ")}`);
}
