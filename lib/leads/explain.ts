import type { ModelVersion } from "@/lib/versions/active-version";
import { scoreLead, storedPoints, type BreakdownEntry, type ScorableLead } from "@/lib/scoring";

/**
 * The breakdown of a stored lead's score under the company's active version (which scored
 * every lead): for each criterion, the value looked at, what matched and the points it gave.
 * Only the points are stored; the rest is worked out again from the lead and the rules.
 */
export function explainScore(lead: ScorableLead & { breakdown: unknown }, version: ModelVersion) {
  const model = version.definition;
  const entries: BreakdownEntry[] = scoreLead(lead, model).breakdown.map((entry) => ({ ...entry, points: storedPoints(lead.breakdown, entry.criterion) }));
  return { model, version, entries, rawPoints: entries.reduce((sum, entry) => sum + entry.points, 0) };
}
