import { checkScoringModel, type ModelIssue, type ScoringModel, type ScoringModelInput } from "@/lib/scoring";

/**
 * The rule editor's state: the model being edited, as loose as the form needs it (keyword
 * lists may hold half-typed entries, numbers may be empty), changed through a reducer. It is
 * checked with the server's own schema (lib/scoring/model.ts), so the editor shows exactly the
 * problems the server would refuse, at the field they concern.
 */
export type Draft = ScoringModelInput;
type Path = (string | number)[];

export type EditorAction =
  | { type: "set"; path: Path; value: unknown }
  | { type: "insert"; path: Path; value: unknown; index?: number }
  | { type: "remove"; path: Path; index: number }
  | { type: "move"; path: Path; from: number; to: number }
  | { type: "replace"; draft: Draft };

function updateIn(value: unknown, path: Path, update: (current: unknown) => unknown): unknown {
  if (path.length === 0) return update(value);
  const [key, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[key as number] = updateIn(copy[key as number], rest, update);
    return copy;
  }
  const object = (value ?? {}) as Record<string, unknown>;
  return { ...object, [key]: updateIn(object[key], rest, update) };
}

export function editorReducer(draft: Draft, action: EditorAction): Draft {
  switch (action.type) {
    case "replace":
      return action.draft;
    case "set":
      return updateIn(draft, action.path, () => action.value) as Draft;
    case "insert":
      return updateIn(draft, action.path, (list) => {
        const copy = [...((list as unknown[]) ?? [])];
        copy.splice(action.index ?? copy.length, 0, action.value);
        return copy;
      }) as Draft;
    case "remove":
      return updateIn(draft, action.path, (list) => (list as unknown[]).filter((_, i) => i !== action.index)) as Draft;
    case "move":
      return updateIn(draft, action.path, (list) => {
        const copy = [...(list as unknown[])];
        if (action.to < 0 || action.to >= copy.length) return copy;
        const [item] = copy.splice(action.from, 1);
        copy.splice(action.to, 0, item);
        return copy;
      }) as Draft;
  }
}

/** The draft as it is sent: keyword and value lists without blank entries. */
export function cleaned(draft: Draft): Draft {
  return {
    ...draft,
    criteria: (draft.criteria ?? []).map((criterion) => ({
      ...criterion,
      tiers: criterion.tiers.map((tier) => ({
        ...tier,
        when: tier.when.map((condition) => {
          if ("keywords" in condition) return { ...condition, keywords: condition.keywords.map((k) => k.trim()).filter(Boolean) };
          if ("values" in condition) return { ...condition, values: condition.values.map((v) => v.trim()).filter(Boolean) };
          return condition;
        }),
      })),
    })),
  };
}

/** Problems written for a person ("Enter a number" rather than zod's wording). */
function readable(message: string): string {
  if (/expected number/.test(message)) return "Enter a number.";
  return message.charAt(0).toUpperCase() + message.slice(1) + (message.endsWith(".") ? "" : ".");
}

export type Checked = { model: ScoringModel | null; issues: Map<string, string>; list: ModelIssue[] };

/** The draft checked: the model when valid, and the problems by path ("criteria.0.tiers"). */
export function checkDraft(draft: Draft): Checked {
  const result = checkScoringModel(cleaned(draft));
  if (result.ok) return { model: result.model, issues: new Map(), list: [] };
  const issues = new Map<string, string>();
  for (const issue of result.issues) if (!issues.has(issue.path)) issues.set(issue.path, readable(issue.message));
  return { model: null, issues, list: result.issues.map((issue) => ({ path: issue.path, message: readable(issue.message) })) };
}

export const NEW_CRITERION = {
  label: "New rule",
  mode: "first" as const,
  otherwise: 0,
  tiers: [{ points: 5, when: [{ kind: "keywords" as const, field: "jobTitle" as const, keywords: [""] }] }],
};
