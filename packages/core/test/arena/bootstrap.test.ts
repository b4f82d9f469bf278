import { describe, expect, it } from 'vitest';
import { multinomial } from '../../src/arena/multinomial.ts';
import { binomial } from '../../src/shared/binomial.ts';
import { rankByIntervals, rateModels } from '../../src/arena/leaderboard.ts';
import { buildPairTable } from '../../src/arena/pair-table.ts';
import { quantileSorted } from '../../src/arena/percentile.ts';
import { syntheticVotes } from '../../src/arena/synthetic-votes.ts';
import { createRng } from '../../src/shared/random.ts';

const truth: Record<string, number> = { a: 1200, b: 1120, c: 1050, d: 1000, e: 960, f: 870 };
const mean = Object.values(truth).reduce((s, x) => s + x, 0) / 6;

describe('issue 20.4: the bootstrap interval has the coverage it states', () => {
  it('covers the true ratings about 95 % of the time at level 0.95 and about 90 % at 0.90, and tells them apart', () => {
    let c95 = 0,
      c90 = 0,
      total = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const table = buildPairTable(syntheticVotes({ ratings: truth, votes: 2_000, seed, tieRate: 0.15 }));
      const b95 = rateModels(table, { bootstrap: 200, seed: 1000 + seed, level: 0.95 });
      const b90 = rateModels(table, { bootstrap: 200, seed: 1000 + seed, level: 0.9 });
      const hit = (m: { model: string; ci: [number, number] }) => m.ci[0] <= truth[m.model]! - mean + 1000 && truth[m.model]! - mean + 1000 <= m.ci[1];
      c95 += b95.models.filter(hit).length;
      c90 += b90.models.filter(hit).length;
      total += 6;
    }
    // 1,200 model-trials: the standard error of a coverage near 0.95 is about 0.006
    expect(c95 / total).toBeGreaterThan(0.93);
    expect(c95 / total).toBeLessThan(0.97);
    expect(c90 / total).toBeGreaterThan(0.875);
    expect(c90 / total).toBeLessThan(0.925);
    expect(c95 / total - c90 / total).toBeGreaterThan(0.025);
  }, 60_000);
});

describe('17.6 bootstrap rounds that do not converge', () => {
  it('are counted, reported and left out of the interval, never used', () => {
    // few votes: many resamples leave a model that never lost, for which no MLE exists
    const votes = [
      ...Array.from({ length: 3 }, () => ({ model_a: 'a', model_b: 'b', winner: 'model_a' as const })),
      { model_a: 'a', model_b: 'b', winner: 'model_b' as const },
      ...Array.from({ length: 3 }, () => ({ model_a: 'b', model_b: 'c', winner: 'model_a' as const })),
      { model_a: 'b', model_b: 'c', winner: 'model_b' as const },
      { model_a: 'c', model_b: 'a', winner: 'model_a' as const },
      { model_a: 'c', model_b: 'a', winner: 'model_b' as const },
    ];
    const board = rateModels(buildPairTable(votes), { bootstrap: 200, seed: 3 });
    expect(board.priorGames).toBe(0);
    expect(board.bootstrap.excluded).toBeGreaterThan(0);
    expect(board.bootstrap.used + board.bootstrap.excluded).toBe(200);
    expect(board.unconvergedReplicates).toBe(board.bootstrap.excluded + board.bootstrap.refitted);
    for (const m of board.models) expect(m.ci.every(Number.isFinite)).toBe(true);
  });
});

describe('bootstrap intervals', () => {
  it('cover the true (mean-anchored) ratings at about the stated 95 % over many seeds', () => {
    let covered = 0,
      total = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const table = buildPairTable(syntheticVotes({ ratings: truth, votes: 3_000, seed, tieRate: 0.15 }));
      const board = rateModels(table, { bootstrap: 200, seed: 1000 + seed });
      for (const m of board.models) {
        const t = truth[m.model] - mean + 1000;
        if (m.ci[0] <= t && t <= m.ci[1]) covered++;
        total++;
      }
    }
    const rate = covered / total;
    expect(rate).toBeGreaterThan(0.9);
    expect(rate).toBeLessThan(0.99);
  });

  it('narrow as votes grow and contain the point estimate', () => {
    const width = (votes: number) => {
      const board = rateModels(buildPairTable(syntheticVotes({ ratings: truth, votes, seed: 5 })), { bootstrap: 100, seed: 9 });
      for (const m of board.models) {
        expect(m.ci[0]).toBeLessThanOrEqual(m.rating);
        expect(m.ci[1]).toBeGreaterThanOrEqual(m.rating);
      }
      return board.models.reduce((s, m) => s + (m.ci[1] - m.ci[0]), 0) / 6;
    };
    const small = width(1_000),
      large = width(16_000);
    // standard errors shrink with 1/√n: 16× the votes, about a quarter of the width
    expect(large / small).toBeGreaterThan(0.15);
    expect(large / small).toBeLessThan(0.4);
  });

  it('repeats exactly for the same seed and differs for another', () => {
    const table = buildPairTable(syntheticVotes({ ratings: truth, votes: 2_000, seed: 3 }));
    const one = rateModels(table, { bootstrap: 50, seed: 4 });
    expect(rateModels(table, { bootstrap: 50, seed: 4 })).toEqual(one);
    expect(rateModels(table, { bootstrap: 50, seed: 5 }).models.map((m) => m.ci)).not.toEqual(one.models.map((m) => m.ci));
  });

  it('sorts by rating and reports each model’s battles', () => {
    const table = buildPairTable(syntheticVotes({ ratings: truth, votes: 3_000, seed: 8 }));
    const board = rateModels(table, { bootstrap: 20, seed: 1 });
    const ratings = board.models.map((m) => m.rating);
    expect([...ratings].sort((x, y) => y - x)).toEqual(ratings);
    expect(board.models.reduce((s, m) => s + m.battles, 0)).toBe(2 * 3_000);
  });
});

describe('interval rank', () => {
  it('is 1 + the number of models whose lower bound is above this upper bound', () => {
    const ranks = rankByIntervals([
      [1100, 1200],
      [1050, 1150], // overlaps the first → still rank 1
      [1000, 1090], // below the first's lower bound 1100 → rank 2 (second's 1050 is not above 1090)
      [900, 1000], // lower bounds 1100 and 1050 are above 1000; 1000 itself is not (strictly above) → 3
      [700, 800],
    ]);
    expect(ranks).toEqual([1, 1, 2, 3, 5]);
  });
  it('gives zero-width intervals and strict ranks without bootstrap', () => {
    const table = buildPairTable(syntheticVotes({ ratings: truth, votes: 20_000, seed: 1 }));
    const board = rateModels(table, { bootstrap: 0 });
    expect(board.models.map((m) => m.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const m of board.models) expect(m.ci).toEqual([m.rating, m.rating]);
  });
});

describe('resampling helpers', () => {
  it('multinomial draws keep the total and each cell’s share; empty cells stay empty', () => {
    const weights = [5, 0, 1, 3, 1];
    const rng = createRng(1);
    const sum = new Float64Array(5);
    for (let r = 0; r < 2000; r++) {
      const x = multinomial(rng, 100, weights);
      expect(x.reduce((a, b) => a + b, 0)).toBe(100);
      expect(x[1]).toBe(0);
      x.forEach((v, i) => (sum[i] += v));
    }
    weights.forEach((w, i) => expect(Math.abs(sum[i] / 200_000 - w / 10)).toBeLessThan(0.004));
  });
  it('binomial draws follow the binomial law on both the inversion and the rejection path', () => {
    const logFactTable = [0];
    for (let i = 1; i <= 200_000; i++) logFactTable.push(logFactTable[i - 1] + Math.log(i));
    const logFact = (k: number) => logFactTable[k];
    const rng = createRng(2);
    for (const [n, p] of [
      [20, 0.15],
      [40, 0.4],
      [1000, 0.97],
      [200_000, 0.01],
    ] as const) {
      const draws = 100_000;
      const counts = new Map<number, number>();
      let sum = 0,
        sumSq = 0,
        outside = 0;
      for (let i = 0; i < draws; i++) {
        const x = binomial(rng, n, p);
        if (!(Number.isInteger(x) && x >= 0 && x <= n)) outside++;
        counts.set(x, (counts.get(x) ?? 0) + 1);
        sum += x;
        sumSq += x * x;
      }
      expect(outside).toBe(0);
      const mean = sum / draws,
        variance = sumSq / draws - mean * mean,
        sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(mean - n * p)).toBeLessThan((4 * sd) / Math.sqrt(draws));
      expect(Math.abs(variance / (sd * sd) - 1)).toBeLessThan(0.03);
      // chi-square over cells expected at least 20 times, against the exact probabilities
      let chi = 0,
        cells = 0;
      for (const [k, observed] of counts) {
        const expected = draws * Math.exp(logFact(n) - logFact(k) - logFact(n - k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
        if (expected >= 20) {
          chi += (observed - expected) ** 2 / expected;
          cells++;
        }
      }
      // mean cells−1, sd √(2(cells−1)); 4 sd is far beyond chance, well within a wrong formula's reach
      expect(chi).toBeLessThan(cells - 1 + 4 * Math.sqrt(2 * (cells - 1)));
    }
    expect([binomial(rng, 0, 0.5), binomial(rng, 7, 0), binomial(rng, 7, 1)]).toEqual([0, 0, 7]);
  });
  it('percentiles interpolate like NumPy', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([10, 20, 30, 40, 50], 0.025)).toBeCloseTo(11, 12);
    expect(quantileSorted([7], 0.975)).toBe(7);
  });
});
