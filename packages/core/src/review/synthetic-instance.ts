import { createRng } from '../shared/random.ts';
import type { AssignmentInstance } from './assignment-instance.ts';

export interface SyntheticShape {
  proposals: number;
  reviewers: number;
  /** candidate reviewers per proposal (distinct, drawn at random) */
  candidates: number;
  reviews: number;
  maxLoad: number;
  /** every reviewer gets this minimum load (default 0: none) */
  minLoad?: number;
  /** share of candidate pairs also listed as conflicts */
  conflictRate?: number;
  /** decimals kept in scores (default 3) */
  decimals?: number;
}

/**
 * A random assignment instance for tests and benchmarks; the same seed and shape give the same
 * instance. Reviewers have a popularity bias so that some are over-demanded, as in real calls.
 */
export function syntheticInstance(seed: number, shape: SyntheticShape): AssignmentInstance {
  const rng = createRng(seed);
  const { proposals: P, reviewers: R, candidates } = shape;
  const k = Math.min(candidates, R);
  const decimals = shape.decimals ?? 3;
  const unit = 10 ** decimals;
  const popularity = Array.from({ length: R }, () => 0.5 + rng.next());
  const proposals = Array.from({ length: P }, (_, p) => ({ id: `p${p + 1}`, reviews: shape.reviews }));
  const reviewers = Array.from({ length: R }, (_, r) => ({
    id: `r${r + 1}`,
    maxLoad: shape.maxLoad,
    ...(shape.minLoad ? { minLoad: shape.minLoad } : {}),
  }));
  const affinity: [string, string, number][] = [];
  const conflicts: [string, string][] = [];
  const picked = new Int32Array(R).fill(-1);
  for (let p = 0; p < P; p++) {
    let got = 0;
    while (got < k) {
      const r = rng.int(R);
      if (picked[r] === p) continue;
      picked[r] = p;
      got++;
      const score = Math.round(rng.next() * popularity[r] * unit) / unit;
      affinity.push([`p${p + 1}`, `r${r + 1}`, score]);
      if (shape.conflictRate && rng.next() < shape.conflictRate) conflicts.push([`p${p + 1}`, `r${r + 1}`]);
    }
  }
  return { proposals, reviewers, affinity, conflicts };
}
