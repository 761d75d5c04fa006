/**
 * A lead's outcome, read from a CRM export's lifecycle or status column. Values compare
 * without case or extra spaces. The user's own choice for a value wins; then these rules; a
 * value no rule knows keeps the lead open and is counted, so the import can say which.
 */
export const OUTCOMES = ["open", "won", "lost"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The outcome chosen for each (normalised) value of a file's outcome column. */
export type OutcomeValues = Record<string, Outcome>;

export const normaliseOutcomeValue = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

const RULES: Record<Outcome, string[]> = {
  // Yes/no columns ("Converted", "Closed Won"): yes is won, no is still open.
  won: ["customer", "closed won", "closedwon", "won", "converted", "yes", "y", "true", "1"],
  lost: ["closed lost", "closedlost", "lost", "disqualified", "unqualified", "bad fit"],
  open: ["lead", "subscriber", "mql", "sql", "opportunity", "open", "new", "in progress", "", "marketingqualifiedlead", "salesqualifiedlead", "no", "n", "false", "0"],
};
const BY_VALUE = new Map(Object.entries(RULES).flatMap(([outcome, values]) => values.map((value) => [value, outcome as Outcome])));

/** What the rules make of a value, or undefined when no rule knows it. */
export function defaultOutcome(value: string): Outcome | undefined {
  return BY_VALUE.get(normaliseOutcomeValue(value));
}

/** A cell of the outcome column: its outcome, and the value itself when no choice or rule knew it. */
export function readOutcome(cell: string, chosen: OutcomeValues): { outcome: Outcome; unknown?: string } {
  const value = normaliseOutcomeValue(cell);
  // Own keys only: "constructor" or "toString" is an ordinary cell value.
  const outcome = (Object.hasOwn(chosen, value) ? chosen[value] : undefined) ?? defaultOutcome(value);
  return outcome ? { outcome } : { outcome: "open", unknown: cell.trim().replace(/\s+/g, " ") };
}

/** The distinct values of a column in these rows, most frequent first (at most `limit`), with counts. */
export function distinctValues(rows: string[][], column: number, limit = 50): { value: string; count: number }[] {
  const counts = new Map<string, { value: string; count: number }>();
  for (const row of rows) {
    const cell = (row[column] ?? "").trim();
    const key = normaliseOutcomeValue(cell);
    const entry = counts.get(key) ?? { value: cell, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, limit);
}
