/**
 * The statistics of the insights page, small and exact. Pure functions, unit-tested against
 * published worked examples.
 */

const Z95 = 1.959963984540054;

/** The AUC is shown from this many won and this many lost leads. */
export const MIN_FOR_AUC = 20;

export type Rate = { leads: number; won: number; lost: number; winRate: number | null; low: number | null; high: number | null };

/**
 * Win rate (won ÷ closed) with its 95% Wilson score interval: unlike the plain ± interval it
 * stays within 0–1 and is honest for small counts and for rates near 0 or 1.
 */
export function winRate(won: number, lost: number): Rate {
  const n = won + lost;
  if (n === 0) return { leads: 0, won, lost, winRate: null, low: null, high: null };
  const p = won / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { leads: n, won, lost, winRate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Closed leads at one score: how many were won and how many lost. */
export type ScoreCounts = { score: number; won: number; lost: number };

/** Won and lost leads counted per score, as the AUC and the lift read them. */
export class ScoreTally {
  private readonly byScore = new Map<number, ScoreCounts>();
  won = 0;
  lost = 0;

  add(score: number, won: boolean) {
    let counts = this.byScore.get(score);
    if (!counts) this.byScore.set(score, (counts = { score, won: 0, lost: 0 }));
    if (won) {
      counts.won++;
      this.won++;
    } else {
      counts.lost++;
      this.lost++;
    }
  }

  counts(): ScoreCounts[] {
    return [...this.byScore.values()];
  }
}

/**
 * ROC AUC of the score over closed leads: the chance that a won lead scores higher than a lost
 * one, ties counting ½ (the Mann–Whitney statistic). Exact, from counts per score.
 */
export function rocAuc(counts: ScoreCounts[]): number | null {
  const sorted = [...counts].sort((a, b) => a.score - b.score);
  const won = sorted.reduce((sum, c) => sum + c.won, 0);
  const lost = sorted.reduce((sum, c) => sum + c.lost, 0);
  if (won === 0 || lost === 0) return null;
  let lostBelow = 0;
  let pairs = 0;
  for (const c of sorted) {
    pairs += c.won * (lostBelow + c.lost / 2);
    lostBelow += c.lost;
  }
  return pairs / (won * lost);
}

/** The AUC's 95% interval by Hanley and McNeil (1982): its standard error from the AUC and the two counts. */
export function aucInterval(auc: number, won: number, lost: number): { low: number; high: number; standardError: number } {
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const variance = (auc * (1 - auc) + (won - 1) * (q1 - auc * auc) + (lost - 1) * (q2 - auc * auc)) / (won * lost);
  const standardError = Math.sqrt(Math.max(0, variance));
  return { low: Math.max(0, auc - Z95 * standardError), high: Math.min(1, auc + Z95 * standardError), standardError };
}

/**
 * Win rate of the best-scored `share` of closed leads ÷ the win rate of all of them. The leads
 * at the cut-off score count in proportion, so ties do not make the share bigger than asked.
 */
export function lift(counts: ScoreCounts[], share = 0.2): number | null {
  const sorted = [...counts].sort((a, b) => b.score - a.score);
  const won = sorted.reduce((sum, c) => sum + c.won, 0);
  const total = sorted.reduce((sum, c) => sum + c.won + c.lost, 0);
  if (total === 0 || won === 0) return null;
  let wanted = share * total;
  let topWon = 0;
  let topLeads = 0;
  for (const c of sorted) {
    if (wanted <= 0) break;
    const leads = c.won + c.lost;
    const take = Math.min(1, wanted / leads);
    topWon += c.won * take;
    topLeads += leads * take;
    wanted -= leads * take;
  }
  return topWon / topLeads / (won / total);
}

/**
 * The closed leads in ten equal groups by score, best first (the top 10%, the next 10%, …),
 * with the score range and won and lost leads of each. Leads tied at a boundary are shared
 * between the two groups in proportion, so every group is a tenth exactly (counts may then
 * have fractions).
 */
export function scoreDeciles(counts: ScoreCounts[]): { decile: number; minScore: number; maxScore: number; won: number; lost: number }[] {
  const sorted = [...counts].filter((c) => c.won + c.lost > 0).sort((a, b) => b.score - a.score);
  const total = sorted.reduce((sum, c) => sum + c.won + c.lost, 0);
  if (total === 0) return [];
  const groups = Array.from({ length: 10 }, (_, i) => ({ decile: i + 1, minScore: Infinity, maxScore: -Infinity, won: 0, lost: 0 }));
  let position = 0;
  for (const c of sorted) {
    const leads = c.won + c.lost;
    let left = leads;
    while (left > 1e-9) {
      const index = Math.min(9, Math.floor((position / total) * 10 + 1e-9));
      const room = ((index + 1) * total) / 10 - position;
      const take = index === 9 ? left : Math.min(left, room);
      const group = groups[index];
      group.won += (c.won * take) / leads;
      group.lost += (c.lost * take) / leads;
      group.minScore = Math.min(group.minScore, c.score);
      group.maxScore = Math.max(group.maxScore, c.score);
      position += take;
      left -= take;
    }
  }
  // Shares of tied leads are fractions; sums of them keep no float noise (3.9999999999999996 is 4).
  const clean = (x: number) => Math.round(x * 1e6) / 1e6;
  return groups.filter((g) => g.won + g.lost > 0).map((g) => ({ ...g, won: clean(g.won), lost: clean(g.lost) }));
}
