import { describe, expect, it } from "vitest";
import { fitLogistic, seededRandom, type Example } from "./fit";

describe("logistic regression on binary features", () => {
  it("recovers the order and signs of known weights", () => {
    const truth = [2, 1, 0.5, 0, -1.5];
    const random = seededRandom(42);
    const examples: Example[] = Array.from({ length: 20_000 }, () => {
      const features = truth.flatMap((_, f) => (random() < 0.3 ? [f] : []));
      const z = -0.5 + features.reduce((sum, f) => sum + truth[f], 0);
      return { features, won: random() < 1 / (1 + Math.exp(-z)) };
    });
    const { weights, intercept } = fitLogistic(examples, truth.length, { lambda: 0.1 });
    const order = (values: number[]) => values.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]).map(([, i]) => i);
    expect(order(weights)).toEqual(order(truth));
    weights.forEach((w, f) => expect(w).toBeCloseTo(truth[f], 0));
    expect(intercept).toBeCloseTo(-0.5, 0);
  });

  it("shrinks a feature that never varies the outcome towards 0, and stays finite on separable data", () => {
    const examples: Example[] = [
      ...Array.from({ length: 50 }, () => ({ features: [0], won: true })),
      ...Array.from({ length: 50 }, () => ({ features: [1], won: false })),
    ];
    const { weights } = fitLogistic(examples, 3, { lambda: 1 });
    expect(weights[0]).toBeGreaterThan(1);
    expect(weights[1]).toBeLessThan(-1);
    expect(weights[2]).toBe(0);
    expect(weights.every(Number.isFinite)).toBe(true);
  });
});

describe("whole points from fitted weights", () => {
  it("rank leads almost exactly as the weights do", async () => {
    const { rocAuc } = await import("./stats");
    const truth = [1.7, 1.1, 0.6, 0.3, -0.4, -1.2];
    const random = seededRandom(9);
    const examples: Example[] = Array.from({ length: 10_000 }, () => {
      const features = truth.flatMap((_, f) => (random() < 0.35 ? [f] : []));
      const z = -0.3 + features.reduce((sum, f) => sum + truth[f], 0);
      return { features, won: random() < 1 / (1 + Math.exp(-z)) };
    });
    const { weights } = fitLogistic(examples, truth.length, { lambda: 1 });
    // As the suggested model does: the strongest weight is 10 points, the others in proportion, rounded.
    const scale = 10 / Math.max(...weights.map(Math.abs));
    const points = weights.map((w) => Math.round(w * scale));
    const auc = (score: (e: Example) => number) => {
      const counts = new Map<number, { score: number; won: number; lost: number }>();
      for (const e of examples) {
        const s = score(e);
        const c = counts.get(s) ?? { score: s, won: 0, lost: 0 };
        c[e.won ? "won" : "lost"]++;
        counts.set(s, c);
      }
      return rocAuc([...counts.values()])!;
    };
    const exact = auc((e) => e.features.reduce((sum, f) => sum + weights[f], 0));
    const whole = auc((e) => e.features.reduce((sum, f) => sum + points[f], 0));
    expect(Math.abs(exact - whole)).toBeLessThan(0.005);
  });
});
