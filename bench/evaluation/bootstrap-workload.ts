import { createRng } from '../../packages/core/src/shared/random.ts';
import type { BenchmarkInput } from '../../packages/core/src/evaluation/compare-suite.ts';

/** 13 benchmarks of paired 0/1 items, candidate and reference correlated through item difficulty. */
export function syntheticSuite(benchmarks: number, items: number, seed = 1): BenchmarkInput[] {
  const rng = createRng(seed);
  return Array.from({ length: benchmarks }, (_, b) => {
    const pr = 0.45 + 0.03 * b;
    const pc = pr * 0.96;
    const candidate = new Float64Array(items),
      reference = new Float64Array(items);
    for (let i = 0; i < items; i++) {
      const d = rng.next();
      reference[i] = d < pr ? 1 : 0;
      candidate[i] = (rng.next() < 0.8 ? d : rng.next()) < pc ? 1 : 0;
    }
    const mean = (v: Float64Array) => v.reduce((a, x) => a + x, 0) / v.length;
    return {
      name: `bench-${b}`,
      metric: 'acc',
      higherIsBetter: true,
      chance: b % 2 ? 0.25 : 0,
      candidate: { score: mean(candidate), stderr: null },
      reference: { score: mean(reference), stderr: null },
      items: { paired: true, candidate, reference },
    };
  });
}
