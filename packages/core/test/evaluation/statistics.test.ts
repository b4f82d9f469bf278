import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/shared/random.ts';
import { ratioStandardError } from '../../src/evaluation/delta-method.ts';
import { scoreRatio } from '../../src/evaluation/ratio.ts';
import { multinomialSampler } from '../../src/evaluation/sampling.ts';
import { binomial } from '../../src/shared/binomial.ts';
import { normalCdf, percentileInterval, sortedQuantile } from '../../src/evaluation/distribution.ts';
import { verdictFor } from '../../src/evaluation/verdict.ts';

describe('ratios', () => {
  it('corrects for chance and inverts lower-is-better metrics', () => {
    expect(scoreRatio(0.7, 0.8, { higherIsBetter: true, chance: 0 })).toBeCloseTo(0.875);
    expect(scoreRatio(0.7, 0.8, { higherIsBetter: true, chance: 0.25 })).toBeCloseTo(0.45 / 0.55);
    expect(scoreRatio(0.25, 0.8, { higherIsBetter: true, chance: 0.25 })).toBe(0);
    expect(scoreRatio(12, 10, { higherIsBetter: false, chance: 0 })).toBeCloseTo(10 / 12);
  });

  it('delta-method standard error matches the formula and a simulation', () => {
    const se = ratioStandardError({ score: 0.6, stderr: 0.02 }, { score: 0.8, stderr: 0.01 }, { higherIsBetter: true, chance: 0 });
    expect(se).toBeCloseTo(Math.sqrt(0.0004 / 0.64 + (0.36 * 0.0001) / 0.4096), 12);
    const rng = createRng(3);
    let sum = 0,
      sum2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const r = (0.6 + 0.02 * rng.normal()) / (0.8 + 0.01 * rng.normal());
      sum += r;
      sum2 += r * r;
    }
    const sd = Math.sqrt(sum2 / n - (sum / n) ** 2);
    expect(Math.abs(sd / se - 1)).toBeLessThan(0.03);
  });

  it('judges on the interval, not the point', () => {
    expect(verdictFor([0.95, 1.1], 0.95)).toBe('pass');
    expect(verdictFor([0.8, 0.9499], 0.95)).toBe('fail');
    expect(verdictFor([0.9, 1.0], 0.95)).toBe('inconclusive');
  });

  it('the percentile interval equals the quantiles of a sorted copy (ties, sorted, reversed, random, NaN)', () => {
    const rng = createRng(3);
    for (let t = 0; t < 800; t++) {
      const n = 1 + rng.int(t < 300 ? 20 : 3000);
      const kind = t % 5;
      const draws = Float64Array.from({ length: n }, (_, i) =>
        kind === 0 ? rng.int(5) : kind === 1 ? i : kind === 2 ? n - i : kind === 3 && i === 7 ? Number.NaN : rng.normal(),
      );
      const level = [0.95, 0.9, 0.5, 0.999][t % 4]!;
      const sorted = Float64Array.from(draws).sort();
      const tail = (1 - level) / 2;
      expect(percentileInterval(draws, level), `case ${t}`).toEqual([sortedQuantile(sorted, tail), sortedQuantile(sorted, 1 - tail)]);
    }
  });

  it('normal CDF and percentile interval are right on known values', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6);
    const draws = Float64Array.from({ length: 1001 }, (_, i) => 1000 - i);
    const [lo, hi] = percentileInterval(draws);
    expect(lo).toBeCloseTo(25, 9);
    expect(hi).toBeCloseTo(975, 9);
  });
});

describe('exact discrete draws', () => {
  it.each([
    [35_000, 0.5],
    [35_000, 0.93],
    [1_000, 0.01],
    [40, 0.3],
    [200, 0.6],
  ])('Binomial(%i, %f) has the right mean and variance', (n, p) => {
    const rng = createRng(n);
    const k = 40_000;
    let s = 0,
      s2 = 0;
    for (let i = 0; i < k; i++) {
      const x = binomial(rng, n, p);
      expect(x >= 0 && x <= n).toBe(true);
      s += x;
      s2 += x * x;
    }
    const mean = s / k,
      variance = s2 / k - mean * mean;
    const sdOfMean = Math.sqrt((n * p * (1 - p)) / k);
    expect(Math.abs(mean - n * p)).toBeLessThan(4 * sdOfMean);
    expect(Math.abs(variance / (n * p * (1 - p)) - 1)).toBeLessThan(0.04);
  });

  // Both sides of the inversion/BTRS switch at n·p = 10, p above ½ (drawn as n − Binomial(n, 1 − p)) and a large n.
  it.each([
    [60, 0.4],
    [24, 0.4],
    [26, 0.4],
    [60, 0.7],
    [35_000, 0.3],
  ])('Binomial(%i, %f) matches the exact pmf (chi-square)', (n, p) => {
    const rng = createRng(11 + n);
    expectBinomialLaw(n, p, () => binomial(rng, n, p));
  });

  // The chain's first cell is drawn by table inversion: its law is checked on its own, and the
  // second cell's (a binomial of what is left) the same way, as Binomial(n, p1).
  it.each([
    [60, [0.4, 0.3, 0.2, 0.1]],
    [5, [0.02, 0.5, 0.48]],
    [35_000, [0.46, 0.44, 0.06, 0.04]],
    [1_000, [0.995, 0.005]],
  ])('multinomial(%i, %j): the first two cells follow their binomial laws (chi-square)', (n, probs) => {
    const rng = createRng(7 + n);
    const sample = multinomialSampler(n, Float64Array.from(probs));
    const out = new Int32Array(probs.length);
    const seconds: number[] = [];
    expectBinomialLaw(n, probs[0]!, () => {
      sample(rng, out);
      seconds.push(out[1]!);
      return out[0]!;
    });
    let i = 0;
    expectBinomialLaw(n, probs[1]!, () => seconds[i++]!);
  });

  it('multinomial counts sum to n and have the right means', () => {
    const rng = createRng(5);
    const out = new Int32Array(4);
    const probs = Float64Array.from([0.5, 0.2, 0.2, 0.1]);
    const sums = [0, 0, 0, 0];
    const sample = multinomialSampler(1000, probs);
    for (let i = 0; i < 5_000; i++) {
      sample(rng, out);
      expect(out.reduce((a, b) => a + b, 0)).toBe(1000);
      out.forEach((c, j) => (sums[j] += c));
    }
    sums.forEach((s, j) => expect(s / 5_000 / 1000).toBeCloseTo(probs[j]!, 2));
  });
});

/** k draws of Binomial(n, p) against the exact pmf: chi-square below its 99.9th percentile. */
function expectBinomialLaw(n: number, p: number, draw: () => number, k = 100_000) {
  const counts = new Array(n + 1).fill(0);
  let outside = 0;
  for (let i = 0; i < k; i++) {
    const x = draw();
    if (Number.isInteger(x) && x >= 0 && x <= n) counts[x]++;
    else outside++;
  }
  expect(outside).toBe(0);
  const logFactorial = [0];
  for (let x = 1; x <= n; x++) logFactorial.push(logFactorial[x - 1]! + Math.log(x));
  let chi2 = 0,
    cells = 0,
    rest = 0,
    restExpected = 0;
  for (let x = 0; x <= n; x++) {
    const pmf = Math.exp(logFactorial[n]! - logFactorial[x]! - logFactorial[n - x]! + x * Math.log(p) + (n - x) * Math.log(1 - p));
    const expected = pmf * k;
    if (expected < 5) {
      // the thin tails are pooled into one cell, so draws where none belong still count
      rest += counts[x];
      restExpected += expected;
      continue;
    }
    chi2 += (counts[x] - expected) ** 2 / expected;
    cells++;
  }
  if (restExpected > 0) {
    chi2 += (rest - restExpected) ** 2 / Math.max(restExpected, 1);
    cells++;
  }
  // the 99.9th percentile of chi-square with cells − 1 degrees of freedom (Wilson–Hilferty; 55.5 for 27)
  const df = Math.max(1, cells - 1);
  expect(chi2).toBeLessThan(df * (1 - 2 / (9 * df) + 3.09 * Math.sqrt(2 / (9 * df))) ** 3);
}
