/**
 * L2-regularised logistic regression on binary features, fitted by Newton's method (IRLS).
 * Each example lists the indices of its features that are 1 (a lead matches a handful of
 * tiers), so one pass costs examples × (active features)², and the k × k system is solved by
 * Cholesky. A short, tested implementation: the studio needs a few hundred features at most.
 */
export type Example = { features: number[]; won: boolean };

export function fitLogistic(examples: Example[], featureCount: number, { lambda = 1, iterations = 25, tolerance = 1e-6 } = {}): { intercept: number; weights: number[] } {
  const k = featureCount + 1; // the intercept is feature k-1, never penalised
  const w = new Float64Array(k);
  const positives = examples.filter((e) => e.won).length;
  w[k - 1] = Math.log((positives + 0.5) / (examples.length - positives + 0.5));
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Float64Array(k);
    const hessian = new Float64Array(k * k);
    for (const { features, won } of examples) {
      let z = w[k - 1];
      for (const f of features) z += w[f];
      const p = 1 / (1 + Math.exp(-z));
      const r = (won ? 1 : 0) - p;
      const s = p * (1 - p);
      const active = [...features, k - 1];
      for (const a of active) {
        gradient[a] += r;
        for (const b of active) hessian[a * k + b] += s;
      }
    }
    for (let f = 0; f < k - 1; f++) {
      gradient[f] -= lambda * w[f];
      hessian[f * k + f] += lambda;
    }
    hessian[(k - 1) * k + (k - 1)] += 1e-9;
    const step = solveCholesky(hessian, gradient, k);
    let largest = 0;
    for (let i = 0; i < k; i++) {
      w[i] += step[i];
      largest = Math.max(largest, Math.abs(step[i]));
    }
    if (largest < tolerance) break;
  }
  return { intercept: w[k - 1], weights: Array.from(w.subarray(0, k - 1)) };
}

/** Solves A x = b for a symmetric positive-definite A (row-major, n × n). */
function solveCholesky(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let m = 0; m < j; m++) sum -= l[i * n + m] * l[j * n + m];
      l[i * n + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let m = 0; m < i; m++) sum -= l[i * n + m] * y[m];
    y[i] = sum / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let m = i + 1; m < n; m++) sum -= l[m * n + i] * x[m];
    x[i] = sum / l[i * n + i];
  }
  return x;
}

/** A deterministic pseudo-random generator (mulberry32), for folds and tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
