import { syntheticInstance } from '../../packages/core/src/review/synthetic-instance.ts';

/** 3 reviews per proposal; maxLoad leaves about 20 % slack over the average load. */
export const SIZES = {
  S: { proposals: 50, reviewers: 20, candidates: 20 },
  M: { proposals: 300, reviewers: 100, candidates: 30 },
  L: { proposals: 2000, reviewers: 600, candidates: 50 },
  XL: { proposals: 10000, reviewers: 10000, candidates: 50 },
} as const;
export type SizeName = keyof typeof SIZES;

export function benchInstance(size: SizeName) {
  const s = SIZES[size];
  const maxLoad = Math.ceil((1.2 * 3 * s.proposals) / s.reviewers);
  return syntheticInstance(2024, { ...s, reviews: 3, maxLoad, conflictRate: 0.02, decimals: 4 });
}
