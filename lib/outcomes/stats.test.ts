import { describe, expect, it } from "vitest";
import { aucInterval, lift, rocAuc, winRate } from "./stats";

describe("Wilson intervals", () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i of %i: %f to %f", (won, n, low, high) => {
    const rate = winRate(won, n - won);
    expect(rate.low).toBeCloseTo(low, 4);
    expect(rate.high).toBeCloseTo(high, 4);
    expect(rate.winRate).toBeCloseTo(won / n, 10);
  });

  it("say nothing without closed leads", () => {
    expect(winRate(0, 0)).toEqual({ leads: 0, won: 0, lost: 0, winRate: null, low: null, high: null });
  });
});

describe("ROC AUC", () => {
  it("counts each won–lost pair, ties as a half", () => {
    // Won scores 3, 2, 2; lost 2, 1: pairs 1 + 1 + ½ + 1 + ½ + 1 = 5 of 6.
    expect(rocAuc([{ score: 3, won: 1, lost: 0 }, { score: 2, won: 2, lost: 1 }, { score: 1, won: 0, lost: 1 }])).toBeCloseTo(5 / 6, 12);
    expect(rocAuc([{ score: 50, won: 4, lost: 7 }])).toBe(0.5);
    expect(rocAuc([{ score: 90, won: 3, lost: 0 }, { score: 10, won: 0, lost: 5 }])).toBe(1);
    expect(rocAuc([{ score: 90, won: 0, lost: 3 }, { score: 10, won: 5, lost: 0 }])).toBe(0);
    expect(rocAuc([{ score: 90, won: 3, lost: 0 }])).toBeNull();
  });

  it("agrees with counting every pair on a random table", () => {
    const leads = Array.from({ length: 400 }, (_, i) => ({ score: (i * 37) % 23, won: (i * 13) % 7 < 3 }));
    let pairs = 0;
    const won = leads.filter((l) => l.won);
    const lost = leads.filter((l) => !l.won);
    for (const w of won) for (const l of lost) pairs += w.score > l.score ? 1 : w.score === l.score ? 0.5 : 0;
    const counts = new Map<number, { score: number; won: number; lost: number }>();
    for (const lead of leads) {
      const c = counts.get(lead.score) ?? { score: lead.score, won: 0, lost: 0 };
      c[lead.won ? "won" : "lost"]++;
      counts.set(lead.score, c);
    }
    expect(rocAuc([...counts.values()])).toBeCloseTo(pairs / (won.length * lost.length), 12);
  });

  it("has Hanley and McNeil's standard error", () => {
    // Hanley & McNeil (1982), the worked example: A = 0.893 with 51 abnormal and 58 normal cases, SE ≈ 0.0325.
    const { standardError, low, high } = aucInterval(0.893, 51, 58);
    expect(standardError).toBeCloseTo(0.0325, 4);
    expect(low).toBeCloseTo(0.893 - 1.96 * 0.0325, 2);
    expect(high).toBeCloseTo(0.893 + 1.96 * 0.0325, 2);
  });
});

describe("lift of the top 20%", () => {
  it("compares the best-scored fifth with everyone, counting ties at the cut-off in proportion", () => {
    // 100 closed leads, 20 won overall; the top 20 (scores 90) hold 10 of them.
    expect(lift([{ score: 90, won: 10, lost: 10 }, { score: 10, won: 10, lost: 70 }])).toBeCloseTo(0.5 / 0.2, 12);
    // The cut-off falls inside a score: half of the 40 leads at 50 count.
    expect(lift([{ score: 50, won: 8, lost: 32 }, { score: 10, won: 2, lost: 58 }])).toBeCloseTo(0.2 / 0.1, 12);
    expect(lift([{ score: 50, won: 0, lost: 4 }])).toBeNull();
  });
});

describe("score deciles", () => {
  it("cut the closed leads into ten equal groups by score, best first, sharing ties at a boundary", async () => {
    const { scoreDeciles } = await import("./stats");
    // 100 leads with scores 1..100; in the top tenth (91–100) only score 92 was lost.
    const counts = Array.from({ length: 100 }, (_, i) => ({ score: i + 1, won: i >= 92 ? 1 : i % 10 === 0 ? 1 : 0, lost: i >= 92 ? 0 : i % 10 === 0 ? 0 : 1 }));
    const deciles = scoreDeciles(counts);
    expect(deciles).toHaveLength(10);
    expect(deciles[0]).toMatchObject({ decile: 1, minScore: 91, maxScore: 100, won: 9, lost: 1 });
    for (const d of deciles) expect(d.won + d.lost).toBeCloseTo(10, 9);
    // 30 leads all tied at 50: each tenth gets three of them, in proportion.
    const tied = scoreDeciles([{ score: 50, won: 12, lost: 18 }]);
    expect(tied).toHaveLength(10);
    for (const d of tied) expect(d).toMatchObject({ minScore: 50, maxScore: 50, won: expect.closeTo(1.2, 9), lost: expect.closeTo(1.8, 9) });
    expect(scoreDeciles([])).toEqual([]);
    // Whole leads read as whole numbers, however the shares added up.
    const many = scoreDeciles(Array.from({ length: 7 }, (_, i) => ({ score: i * 10, won: 3, lost: 4 })));
    for (const d of many) for (const n of [d.won, d.lost]) expect(String(n)).toMatch(/^\d+(\.\d{1,6})?$/);
  });
});
