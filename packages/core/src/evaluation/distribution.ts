/** Quantile of already sorted values, linear interpolation between order statistics (R type 7). */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * The central interval holding `level` of the draws (percentile method), the same values as
 * sortedQuantile over a sorted copy. Only four order statistics are needed, so they are selected
 * in linear time instead of sorting all the draws; NaN draws fall back to the sort (it puts them last).
 */
export function percentileInterval(draws: Float64Array, level = 0.95): [number, number] {
  return percentileIntervalInPlace(Float64Array.from(draws), level);
}

/** percentileInterval without the copy: `draws` is reordered (for callers done with their order). */
export function percentileIntervalInPlace(draws: Float64Array, level = 0.95): [number, number] {
  const tail = (1 - level) / 2;
  for (let i = 0; i < draws.length; i++) {
    if (draws[i] !== draws[i]) {
      draws.sort();
      return [sortedQuantile(draws, tail), sortedQuantile(draws, 1 - tail)];
    }
  }
  return [selectedQuantile(draws, tail), selectedQuantile(draws, 1 - tail)];
}

/** sortedQuantile without the sort: `values` is reordered in place (quickselect). */
function selectedQuantile(values: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const atLo = select(values, lo);
  // after selecting lo, everything to its right is ≥ it: the next order statistic is their minimum
  let atHi = atLo;
  if (hi > lo) {
    atHi = Infinity;
    for (let i = lo + 1; i < n; i++) if (values[i]! < atHi) atHi = values[i]!;
  }
  return atLo + (h - lo) * (atHi - atLo);
}

/** Puts the k-th smallest value at index k, smaller ones before it and larger ones after; returns it. */
function select(a: Float64Array, k: number): number {
  let left = 0,
    right = a.length - 1;
  while (right > left) {
    // median of three as pivot keeps sorted or nearly sorted draws linear
    const mid = (left + right) >> 1;
    const x = a[left]!,
      y = a[mid]!,
      z = a[right]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left,
      j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k]!;
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
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** 1.959963984540054: the two-sided 95 % normal quantile. */
export const Z95 = 1.959963984540054;
