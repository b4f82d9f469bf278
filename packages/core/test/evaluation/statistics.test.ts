import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/shared/random.ts';
import { ratioStandardError } from '../../src/evaluation/delta-method.ts';
import { scoreRatio } from '../../src/evaluation/ratio.ts';
import { binomial, logFactorial, multinomial } from '../../src/evaluation/sampling.ts';
import { normalCdf, percentileInterval } from '../../src/evaluation/distribution.ts';
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
    let sum = 0, sum2 = 0;
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
  it('log-factorial is continuous across the table/Stirling switch', () => {
    let exact = 0;
    for (let k = 2; k <= 300; k++) exact += Math.log(k);
    expect(logFactorial(300)).toBeCloseTo(exact, 8);
  });

  it.each([
    [35_000, 0.5],
    [35_000, 0.93],
    [1_000, 0.01],
    [40, 0.3],
    [200, 0.6],
  ])('Binomial(%i, %f) has the right mean and variance', (n, p) => {
    const rng = createRng(n);
    const k = 40_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < k; i++) {
      const x = binomial(rng, n, p);
      expect(x >= 0 && x <= n).toBe(true);
      s += x;
      s2 += x * x;
    }
    const mean = s / k, variance = s2 / k - mean * mean;
    const sdOfMean = Math.sqrt((n * p * (1 - p)) / k);
    expect(Math.abs(mean - n * p)).toBeLessThan(4 * sdOfMean);
    expect(Math.abs(variance / (n * p * (1 - p)) - 1)).toBeLessThan(0.04);
  });

  it('Binomial(60, 0.4) matches the exact pmf (chi-square)', () => {
    const n = 60, p = 0.4, k = 100_000;
    const counts = new Array(n + 1).fill(0);
    const rng = createRng(11);
    for (let i = 0; i < k; i++) counts[binomial(rng, n, p)]++;
    let chi2 = 0, cells = 0;
    for (let x = 0; x <= n; x++) {
      const pmf = Math.exp(logFactorial(n) - logFactorial(x) - logFactorial(n - x) + x * Math.log(p) + (n - x) * Math.log(1 - p));
      const expected = pmf * k;
      if (expected < 5) continue;
      chi2 += (counts[x] - expected) ** 2 / expected;
      cells++;
    }
    // ~28 cells: the 99.9th percentile of chi-square with 27 degrees of freedom is about 55.5.
    expect(chi2).toBeLessThan(55.5);
    expect(cells).toBeGreaterThan(20);
  });

  it('multinomial counts sum to n and have the right means', () => {
    const rng = createRng(5);
    const out = new Int32Array(4);
    const probs = Float64Array.from([0.5, 0.2, 0.2, 0.1]);
    const sums = [0, 0, 0, 0];
    for (let i = 0; i < 5_000; i++) {
      multinomial(rng, 1000, probs, out);
      expect(out.reduce((a, b) => a + b, 0)).toBe(1000);
      out.forEach((c, j) => (sums[j] += c));
    }
    sums.forEach((s, j) => expect(s / 5_000 / 1000).toBeCloseTo(probs[j]!, 2));
  });
});
