import type { Grade } from "./engine";

export type GradeMix = Record<Grade, number>;

/**
 * Grade thresholds that put about the target share of leads in A, B and C (the rest are D),
 * given how many leads have each score 0…100. Each cutoff is the one whose leads at or above
 * it come closest to the target, keeping A > B > C ≥ 1.
 */
export function suggestGrades(distribution: number[], mix: GradeMix): { A: number; B: number; C: number } {
  const total = distribution.reduce((sum, n) => sum + n, 0);
  const atOrAbove = new Array<number>(102).fill(0);
  for (let score = 100; score >= 0; score--) atOrAbove[score] = atOrAbove[score + 1] + (distribution[score] ?? 0);
  const sum = mix.A + mix.B + mix.C + mix.D || 1;
  const closest = (target: number, from: number, to: number) => {
    let best = to;
    for (let t = to; t >= from; t--) if (Math.abs(atOrAbove[t] - target) < Math.abs(atOrAbove[best] - target)) best = t;
    return best;
  };
  const A = closest((total * mix.A) / sum, 3, 100);
  const B = closest((total * (mix.A + mix.B)) / sum, 2, A - 1);
  const C = closest((total * (mix.A + mix.B + mix.C)) / sum, 1, B - 1);
  return { A, B, C };
}
