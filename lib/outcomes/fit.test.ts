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
