import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/shared/random.ts';
import { bootstrapRatios, compareSuite, type BenchmarkInput } from '../../src/evaluation/compare-suite.ts';
import { createMeanResampler } from '../../src/evaluation/item-resampler.ts';

/** Paired 0/1 items whose true accuracies are pc and pr, correlated through a shared difficulty. */
function pairedItems(rng: Rng, n: number, pc: number, pr: number, correlation = 0.8) {
  const candidate = new Float64Array(n),
    reference = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const difficulty = rng.next();
    reference[i] = difficulty < pr ? 1 : 0;
    candidate[i] = (rng.next() < correlation ? difficulty : rng.next()) < pc ? 1 : 0;
  }
  return { candidate, reference };
}

function mean(v: Float64Array) {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

function stderr(v: Float64Array) {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1) / v.length);
}

function pairedInput(name: string, items: { candidate: Float64Array; reference: Float64Array }, chance = 0): BenchmarkInput {
  return {
    name,
    metric: 'acc',
    higherIsBetter: true,
    chance,
    candidate: { score: mean(items.candidate), stderr: stderr(items.candidate) },
    reference: { score: mean(items.reference), stderr: stderr(items.reference) },
    items: { paired: true, ...items },
  };
}

describe('bootstrap resampling', () => {
  it('the multinomial shortcut draws the same distribution as resampling items one by one', () => {
    const items = pairedItems(createRng(1), 2_000, 0.6, 0.7);
    const input = { items: { paired: true, ...items }, higherIsBetter: true, chance: 0.25 };
    const fast = bootstrapRatios(input, 4_000, createRng(2)).ratios;
    const naive = bootstrapRatios(input, 4_000, createRng(3), 'per-item').ratios;
    const sd = (v: Float64Array) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / v.length);
    expect(Math.abs(mean(fast) - mean(naive))).toBeLessThan(0.1 * sd(naive));
    expect(Math.abs(sd(fast) / sd(naive) - 1)).toBeLessThan(0.06);
    expect(createMeanResampler(input.items).method).toBe('multinomial');
  });

  it('a resampled mean of 0/1 items has variance p(1 − p)/n', () => {
    const n = 500;
    const candidate = Float64Array.from({ length: n }, (_, i) => (i < 150 ? 1 : 0));
    const r = createMeanResampler({ paired: true, candidate, reference: candidate });
    const rng = createRng(9),
      out = new Float64Array(2);
    let s = 0,
      s2 = 0;
    const k = 20_000;
    for (let i = 0; i < k; i++) {
      r.draw(rng, out);
      expect(out[0]).toBe(out[1]);
      s += out[0]!;
      s2 += out[0]! ** 2;
    }
    expect((s2 / k - (s / k) ** 2) / ((0.3 * 0.7) / n)).toBeGreaterThan(0.95);
    expect((s2 / k - (s / k) ** 2) / ((0.3 * 0.7) / n)).toBeLessThan(1.05);
  });

  it('falls back to per-item resampling for continuous scores', () => {
    const rng = createRng(4);
    const candidate = Float64Array.from({ length: 300 }, () => rng.next());
    expect(createMeanResampler({ paired: false, candidate, reference: candidate }).method).toBe('per-item');
  });
});

describe('compareSuite', () => {
  const rng = createRng(42);
  const suite = [pairedInput('a', pairedItems(rng, 3_000, 0.66, 0.7)), pairedInput('b', pairedItems(rng, 3_000, 0.5, 0.5))];

  it('gives the same intervals for the same seed and different ones for another seed', () => {
    const x = compareSuite(suite, { target: 0.95, resamples: 2_000, seed: 1 });
    const y = compareSuite(suite, { target: 0.95, resamples: 2_000, seed: 1 });
    const z = compareSuite(suite, { target: 0.95, resamples: 2_000, seed: 2 });
    expect(y).toEqual(x);
    expect(z.aggregate.ci).not.toEqual(x.aggregate.ci);
    expect(x.benchmarks.map((b) => b.method)).toEqual(['paired-bootstrap', 'paired-bootstrap']);
  });

  it('pairing narrows the interval for correlated models', () => {
    const items = pairedItems(createRng(7), 2_000, 0.62, 0.65, 0.95);
    const paired = compareSuite([pairedInput('x', items)], { target: 0.95, resamples: 2_000 });
    const unpairedInput = pairedInput('x', items);
    unpairedInput.items = { ...unpairedInput.items!, paired: false };
    const unpaired = compareSuite([unpairedInput], { target: 0.95, resamples: 2_000 });
    const width = (c: [number, number]) => c[1] - c[0];
    expect(width(paired.aggregate.ci)).toBeLessThan(0.7 * width(unpaired.aggregate.ci));
    expect(unpaired.benchmarks[0]!.method).toBe('unpaired-bootstrap');
  });

  it('passes a clearly better candidate, fails a clearly worse one, and withholds a verdict on a close one', () => {
    const r = createRng(8);
    const verdict = (pc: number) => compareSuite([pairedInput('m', pairedItems(r, 5_000, pc, 0.7))], { target: 0.95, resamples: 2_000 }).aggregate.verdict;
    expect(verdict(0.72)).toBe('pass');
    expect(verdict(0.6)).toBe('fail');
    expect(verdict(0.665)).toBe('inconclusive');
  });

  it('weights benchmarks and mixes item-level and stderr-only benchmarks', () => {
    const onlyStderr: BenchmarkInput = {
      name: 'csv-only',
      metric: 'score',
      higherIsBetter: true,
      chance: 0,
      candidate: { score: 0.4, stderr: 0.01 },
      reference: { score: 0.5, stderr: 0.01 },
    };
    const res = compareSuite([suite[0]!, onlyStderr], {
      target: 0.95,
      resamples: 2_000,
      weights: new Map([
        ['a', 3],
        ['csv-only', 1],
      ]),
    });
    const [a, c] = res.benchmarks;
    expect(c!.method).toBe('delta');
    expect(c!.ratio).toBeCloseTo(0.8);
    expect(res.aggregate.ratio).toBeCloseTo(0.75 * a!.ratio + 0.25 * 0.8);
    expect(res.aggregate.method).toBe('bootstrap');
    expect(res.aggregate.ci[0]).toBeLessThan(res.aggregate.ratio);
    expect(res.aggregate.ci[1]).toBeGreaterThan(res.aggregate.ratio);
  });

  it('refuses a reference at or below chance, where the ratio means nothing', () => {
    expect(() =>
      compareSuite(
        [{ name: 'mc', metric: 'acc', higherIsBetter: true, chance: 0.25, candidate: { score: 0.3, stderr: 0.01 }, reference: { score: 0.25, stderr: 0.01 } }],
        { target: 0.95 },
      ),
    ).toThrow(/mc: the reference score 0.25 is not above the chance level 0.25/);
  });

  it('refuses a benchmark with neither items nor standard errors', () => {
    expect(() =>
      compareSuite(
        [{ name: 'x', metric: 'acc', higherIsBetter: true, chance: 0, candidate: { score: 0.5, stderr: null }, reference: { score: 0.6, stderr: 0.01 } }],
        { target: 0.95 },
      ),
    ).toThrow(/x: the candidate has no standard error/);
  });
});

describe('interval coverage (simulation)', () => {
  const datasets = 200;
  const truth = [
    { pc: 0.55, pr: 0.6, chance: 0.25 },
    { pc: 0.7, pr: 0.72, chance: 0 },
    { pc: 0.3, pr: 0.35, chance: 0 },
  ];
  const trueRatio = truth.reduce((s, t) => s + (t.pc - t.chance) / (t.pr - t.chance), 0) / truth.length;

  it('the paired bootstrap 95 % interval covers the true aggregate ratio in about 95 % of datasets', () => {
    const rng = createRng(2024);
    let covered = 0;
    for (let d = 0; d < datasets; d++) {
      const inputs = truth.map((t, i) => pairedInput(`b${i}`, pairedItems(rng, 600, t.pc, t.pr), t.chance));
      const { ci } = compareSuite(inputs, { target: 0.95, resamples: 1_000, seed: d }).aggregate;
      if (ci[0] <= trueRatio && trueRatio <= ci[1]) covered++;
    }
    // Binomial(200, 0.95) has sd 1.5 %: ±3 sd.
    expect(covered / datasets).toBeGreaterThan(0.905);
    expect(covered / datasets).toBeLessThan(0.995);
  });

  it('the delta-method interval from standard errors alone covers at about 95 % too', () => {
    const rng = createRng(77);
    let covered = 0;
    for (let d = 0; d < datasets; d++) {
      const inputs = truth.map((t, i) => {
        const input = pairedInput(`b${i}`, pairedItems(rng, 600, t.pc, t.pr, 0), t.chance);
        delete input.items;
        return input;
      });
      const { ci, method } = compareSuite(inputs, { target: 0.95 }).aggregate;
      expect(method).toBe('delta');
      if (ci[0] <= trueRatio && trueRatio <= ci[1]) covered++;
    }
    expect(covered / datasets).toBeGreaterThan(0.905);
    expect(covered / datasets).toBeLessThan(0.995);
  });
});
