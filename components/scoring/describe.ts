import { fieldByName } from "@/lib/csv/fields";
import { EXTRA_PREFIX, type Condition, type ScoringModel } from "@/lib/scoring";

/** A field as the rest of LeadRank names it ("Company size", not "companySize"). */
export function fieldLabel(field: string): string {
  if (field === "emailDomain") return "Email domain";
  if (field === "freeEmail") return "Free email address";
  if (field.startsWith(EXTRA_PREFIX)) return `Column “${field.slice(EXTRA_PREFIX.length)}”`;
  return fieldByName(field)?.label ?? field;
}

/** A condition in words: "Job title mentions CEO, CTO". */
export function describeCondition(condition: Condition): string {
  const field = fieldLabel(condition.field);
  switch (condition.kind) {
    case "keywords":
      return `${field} mentions ${condition.keywords.join(", ")}`;
    case "values":
      return `${field} is ${condition.values.join(", ")}`;
    case "range":
      return `${field} ${condition.max === undefined ? `≥ ${condition.min ?? "any"}` : condition.min === undefined ? `≤ ${condition.max}` : `${condition.min}–${condition.max}`}`;
    case "yes":
      return `${field} is yes`;
    case "present":
      return `${field} has any value`;
    case "missing":
      return `${field} is empty`;
  }
}

/** The grade bands in words: "A 80–100, B 60–79, C 40–59, D below 40". */
export function describeGrades({ grades }: Pick<ScoringModel, "grades">): string {
  return `A ${grades.A}–100, B ${grades.B}–${grades.A - 1}, C ${grades.C}–${grades.B - 1}, D below ${grades.C}`;
}
