import type { Rng } from '../shared/random.ts';

// Exact discrete draws for the bootstrap. A bootstrap resample of n items only matters through how
// many times each distinct item value was drawn, and those counts are multinomial: drawing them
// directly costs O(distinct values) instead of O(n) per resample.

const LOG_FACTORIAL_TABLE = (() => {
  const t = new Float64Array(256);
  for (let k = 2; k < 256; k++) t[k] = t[k - 1]! + Math.log(k);
  return t;
})();

/** ln(k!) — a table below 256, Stirling's series above (error < 1e-15 relative there). */
export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL_TABLE[k]!;
  const x = k + 1;
  const inv = 1 / x;
  const inv2 = inv * inv;
  return (x - 0.5) * Math.log(x) - x + 0.9189385332046728 + inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
}

/**
 * One Binomial(n, p) draw. Small means: sequential inversion from 0. Otherwise the pmf is walked
 * outwards from the mode, alternately down and up, subtracting each term from one uniform: the
 * probabilities still partition [0, 1), so the draw is exact, and the walk takes O(√(npq)) steps.
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const q = 1 - p;
  if (n * p < 30) {
    const s = p / q;
    const a = (n + 1) * s;
    let r = Math.pow(q, n);
    let u = rng.next();
    let x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > n) return n;
      r *= a / x - s;
    }
    return x;
  }
  const mode = Math.floor((n + 1) * p);
  const logPmf = logFactorial(n) - logFactorial(mode) - logFactorial(n - mode) + mode * Math.log(p) + (n - mode) * Math.log(q);
  const pm = Math.exp(logPmf);
  const odds = p / q;
  let u = rng.next() - pm;
  if (u < 0) return mode;
  let down = mode, up = mode, fd = pm, fu = pm;
  for (;;) {
    const canDown = down > 0, canUp = up < n;
    if (canDown) {
      fd *= down / ((n - down + 1) * odds);
      down--;
      u -= fd;
      if (u < 0) return down;
    }
    if (canUp) {
      fu *= ((n - up) * odds) / (up + 1);
      up++;
      u -= fu;
      if (u < 0) return up;
    }
    // Only floating-point residue is left once both tails are exhausted or negligible.
    if ((!canDown || fd < 1e-300) && (!canUp || fu < 1e-300)) return mode;
  }
}

/**
 * Multinomial(n, probabilities) counts written into `out`, as a chain of conditional binomials.
 * `probabilities` need not be normalised.
 */
export function multinomial(rng: Rng, n: number, probabilities: Float64Array, out: Int32Array): void {
  let remainingMass = 0;
  for (let k = 0; k < probabilities.length; k++) remainingMass += probabilities[k]!;
  let remaining = n;
  const last = probabilities.length - 1;
  for (let k = 0; k < last; k++) {
    const pk = probabilities[k]!;
    const x = remaining > 0 ? binomial(rng, remaining, Math.min(1, pk / remainingMass)) : 0;
    out[k] = x;
    remaining -= x;
    remainingMass -= pk;
  }
  out[last] = remaining;
}
