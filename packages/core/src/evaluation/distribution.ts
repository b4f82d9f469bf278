/** Quantile of already sorted values, linear interpolation between order statistics (R type 7). */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The central interval holding `level` of the draws (percentile method); sorts a copy. */
export function percentileInterval(draws: Float64Array, level = 0.95): [number, number] {
  const sorted = Float64Array.from(draws).sort();
  const tail = (1 - level) / 2;
  return [sortedQuantile(sorted, tail), sortedQuantile(sorted, 1 - tail)];
}

/** Share of draws at or above a threshold. */
export function shareAtLeast(draws: Float64Array, threshold: number): number {
  let k = 0;
  for (let i = 0; i < draws.length; i++) if (draws[i]! >= threshold) k++;
  return k / draws.length;
}

/** Standard normal CDF through a Chebyshev-fitted erfc (Numerical Recipes' erfcc; relative error < 1.2e-7). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** 1.959963984540054: the two-sided 95 % normal quantile. */
export const Z95 = 1.959963984540054;
