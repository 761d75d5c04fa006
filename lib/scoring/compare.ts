import type { Criterion, ScoringModel } from "./model";

export type ModelChange = { kind: "added" | "removed" | "changed"; what: string };

const tierKey = (tier: Criterion["tiers"][number]) => JSON.stringify(tier.when);
const describeTier = (tier: Criterion["tiers"][number]) =>
  tier.when
    .map((c) => ("keywords" in c ? c.keywords.join(", ") : "values" in c ? c.values.join(", ") : c.kind === "range" ? `${c.min ?? "…"}–${c.max ?? "…"}` : c.kind))
    .join(" or ");

/**
 * What changed from one version to another, in words: criteria added and removed (by id),
 * tiers added and removed (by their conditions), points, modes, caps, points for 100 and grades.
 */
export function compareModels(before: ScoringModel, after: ScoringModel): ModelChange[] {
  const changes: ModelChange[] = [];
  if (before.name !== after.name) changes.push({ kind: "changed", what: `Name: ${before.name} → ${after.name}` });
  if (before.pointsFor100 !== after.pointsFor100) changes.push({ kind: "changed", what: `Points for 100: ${before.pointsFor100} → ${after.pointsFor100}` });
  for (const grade of ["A", "B", "C"] as const) {
    if (before.grades[grade] !== after.grades[grade]) changes.push({ kind: "changed", what: `Grade ${grade} from ${before.grades[grade]} → ${after.grades[grade]}` });
  }
  const old = new Map(before.criteria.map((c) => [c.id, c]));
  const next = new Map(after.criteria.map((c) => [c.id, c]));
  for (const [id, criterion] of old) if (!next.has(id)) changes.push({ kind: "removed", what: `Rule “${criterion.label}”` });
  for (const [id, criterion] of next) {
    const was = old.get(id);
    if (!was) {
      changes.push({ kind: "added", what: `Rule “${criterion.label}”` });
      continue;
    }
    const label = criterion.label;
    if (was.label !== criterion.label) changes.push({ kind: "changed", what: `Rule “${was.label}” renamed “${criterion.label}”` });
    if (was.mode !== criterion.mode || was.max !== criterion.max) {
      changes.push({ kind: "changed", what: `${label}: ${was.mode === "sum" ? "every match adds" : "first match"} → ${criterion.mode === "sum" ? `every match adds${criterion.max !== undefined ? ` (at most ${criterion.max})` : ""}` : "first match"}` });
    }
    if (was.otherwise !== criterion.otherwise) changes.push({ kind: "changed", what: `${label}, otherwise: ${was.otherwise} → ${criterion.otherwise} points` });
    const oldTiers = new Map(was.tiers.map((t) => [tierKey(t), t]));
    const newTiers = new Map(criterion.tiers.map((t) => [tierKey(t), t]));
    for (const [key, tier] of oldTiers) if (!newTiers.has(key)) changes.push({ kind: "removed", what: `${label}: ${describeTier(tier)} (${tier.points} points)` });
    for (const [key, tier] of newTiers) {
      const previous = oldTiers.get(key);
      if (!previous) changes.push({ kind: "added", what: `${label}: ${describeTier(tier)} (${tier.points} points)` });
      else if (previous.points !== tier.points) changes.push({ kind: "changed", what: `${label}: ${describeTier(tier)}: ${previous.points} → ${tier.points} points` });
    }
  }
  return changes;
}
