import { binomial } from '../shared/binomial.ts';
import type { Rng } from '../shared/random.ts';

// Exact discrete draws for the bootstrap. A bootstrap resample of n items only matters through how
// many times each distinct item value was drawn, and those counts are multinomial: drawing them
// directly costs O(distinct values) instead of O(n) per resample.

/** Multinomial(n, probabilities) counts written into `out`; the sampler is reused across resamples. */
export type MultinomialSampler = (rng: Rng, out: Int32Array) => void;

/**
 * A sampler of Multinomial(n, probabilities) as a chain of conditional binomials; `probabilities`
 * need not be normalised. The chain's first binomial has the same n and p in every resample, so it
 * is drawn by table inversion (one uniform per draw); the others, whose n changes from draw to
 * draw, are O(1) each (inversion for small means, Hörmann's BTRS otherwise; shared/binomial.ts).
 */
export function multinomialSampler(n: number, probabilities: Float64Array): MultinomialSampler {
  let total = 0;
  for (let k = 0; k < probabilities.length; k++) total += probabilities[k]!;
  const last = probabilities.length - 1;
  const first = last > 0 && n > 0 ? fixedBinomialSampler(n, Math.min(1, probabilities[0]! / total)) : null;
  return (rng, out) => {
    let remainingMass = total;
    let remaining = n;
    for (let k = 0; k < last; k++) {
      const pk = probabilities[k]!;
      const x = k === 0 && first ? first(rng) : remaining > 0 ? binomial(rng, remaining, Math.min(1, pk / remainingMass)) : 0;
      out[k] = x;
      remaining -= x;
      remainingMass -= pk;
    }
    out[last] = remaining;
  };
}

/**
 * Binomial(n, p) for a fixed n and p by inversion of its distribution function, with a guide
 * table so the search starts next to the answer. The table covers the mode ± 12 standard
 * deviations (plus 20 terms); what lies beyond has probability below 1e-30, far under the 2^-32
 * resolution of the uniforms every method here draws from.
 */
function fixedBinomialSampler(n: number, p: number): (rng: Rng) => number {
  if (p <= 0) return () => 0;
  if (p >= 1) return () => n;
  const q = 1 - p;
  const reach = Math.ceil(12 * Math.sqrt(n * p * q)) + 20;
  const mode = Math.floor((n + 1) * p);
  const lo = Math.max(0, mode - reach),
    hi = Math.min(n, mode + reach);
  // relative pmf by the ratio recurrence outward from the mode (pmf(mode) = 1), then normalised
  const weight = new Float64Array(hi - lo + 1);
  weight[mode - lo] = 1;
  const odds = p / q;
  for (let x = mode; x < hi; x++) weight[x + 1 - lo] = weight[x - lo]! * (((n - x) * odds) / (x + 1));
  for (let x = mode; x > lo; x--) weight[x - 1 - lo] = weight[x - lo]! * (x / ((n - x + 1) * odds));
  let sum = 0;
  for (let i = 0; i < weight.length; i++) sum += weight[i]!;
  const cdf = new Float64Array(weight.length);
  let running = 0;
  for (let i = 0; i < weight.length; i++) cdf[i] = running += weight[i]! / sum;
  cdf[cdf.length - 1] = 1;
  const slots = cdf.length;
  const guide = new Int32Array(slots);
  for (let j = 0, i = 0; j < slots; j++) {
    while (cdf[i]! <= j / slots) i++;
    guide[j] = i;
  }
  return (rng) => {
    const u = rng.next();
    let i = guide[Math.floor(u * slots)]!;
    while (cdf[i]! <= u) i++;
    return lo + i;
  };
}
