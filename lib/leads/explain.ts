import { presetById, scoreLead, type BreakdownEntry, type ScorableLead } from "@/lib/scoring";

/**
 * The breakdown of a stored lead's score: for each criterion of the model it was scored
 * with, the value looked at, what matched and the points it gave. Only the points are
 * stored; the rest is worked out again from the lead and the model.
 */
export function explainScore(lead: ScorableLead & { scoringModelId: string; breakdown: unknown; rawPoints: number }) {
  const model = presetById(lead.scoringModelId);
  if (!model) return null;
  const stored = Array.isArray(lead.breakdown) ? (lead.breakdown as number[]) : [];
  const entries: BreakdownEntry[] = scoreLead(lead, model).breakdown.map((entry, i) => ({ ...entry, points: stored[i] ?? entry.points }));
  return { model, entries, rawPoints: entries.reduce((sum, entry) => sum + entry.points, 0) };
}
