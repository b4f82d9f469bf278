import { describe, expect, it } from 'vitest';
import { assignmentPotentials, type AssignmentShape } from '../../src/review/assignment-prices.ts';
import { validateAssignmentInstance } from '../../src/review/assignment-instance.ts';
import { syntheticInstance } from '../../src/review/synthetic-instance.ts';

/** The instance as the solver sees it: cost = largest score − score, in integer millionths. */
function shapeOf(seed: number): AssignmentShape {
  const inst = syntheticInstance(seed, { proposals: 300, reviewers: 100, candidates: 30, reviews: 3, maxLoad: 11, conflictRate: 0.02, decimals: 4 });
  const ix = validateAssignmentInstance(inst).indexed!;
  const keep = [...ix.pairConflicted.keys()].filter((k) => !ix.pairConflicted[k]);
  const top = Math.max(...keep.map((k) => Math.round(ix.pairScore[k] * 1e6)));
  return {
    proposalCount: ix.proposalCount,
    reviewerCount: ix.reviewerCount,
    reviews: ix.reviews,
    capacity: ix.maxLoad,
    pairProposal: Int32Array.from(keep, (k) => ix.pairProposal[k]),
    pairReviewer: Int32Array.from(keep, (k) => ix.pairReviewer[k]),
    pairCost: Float64Array.from(keep, (k) => top - Math.round(ix.pairScore[k] * 1e6)),
  };
}

/** Units above capacity when every pair with negative reduced cost carries one. */
function overload(shape: AssignmentShape, potential: Float64Array): { over: number; placed: number } {
  const P = shape.proposalCount;
  const load = new Int32Array(shape.reviewerCount);
  let placed = 0;
  shape.pairCost.forEach((c, i) => {
    const r = shape.pairReviewer[i];
    if (c + potential[shape.pairProposal[i]] - potential[P + r] < 0) {
      load[r]++;
      placed++;
    }
  });
  let over = 0;
  load.forEach((l, r) => (over += Math.max(0, l - shape.capacity[r])));
  return { over, placed };
}

describe('assignmentPotentials', () => {
  it('prices popular reviewers so that far less lands on full reviewers than choosing by score alone', () => {
    for (const seed of [1, 2, 3]) {
      const shape = shapeOf(seed);
      const P = shape.proposalCount;
      const priced = assignmentPotentials(shape);
      // by score alone: every reviewer at price 0, each proposal keeps its three best
      const alone = Float64Array.from(priced);
      for (let r = 0; r < shape.reviewerCount; r++) alone[P + r] = 0;
      const thresholds = new Float64Array(P);
      for (let p = 0; p < P; p++) {
        const costs = [...shape.pairCost.filter((_, i) => shape.pairProposal[i] === p)].sort((a, b) => a - b);
        thresholds[p] = costs[shape.reviews[p]];
        alone[p] = -thresholds[p];
      }
      const before = overload(shape, alone),
        after = overload(shape, priced);
      expect(before.over, `seed ${seed}`).toBeGreaterThan(0.2 * 900);
      expect(after.over, `seed ${seed}`).toBeLessThan(before.over / 10);
      // the proposals still place (nearly) all their reviews at these prices
      expect(after.placed, `seed ${seed}`).toBeGreaterThan(0.95 * 900);
      for (const x of priced) expect(Number.isSafeInteger(x)).toBe(true);
    }
  });

  it('gives every pair of a proposal with too few candidates a negative reduced cost', () => {
    const shape: AssignmentShape = {
      proposalCount: 2,
      reviewerCount: 2,
      reviews: Int32Array.of(3, 1),
      capacity: Int32Array.of(2, 0),
      pairProposal: Int32Array.of(0, 0, 1),
      pairReviewer: Int32Array.of(0, 1, 0),
      pairCost: Float64Array.of(5, 7, 2),
    };
    const pot = assignmentPotentials(shape);
    expect(pot).toHaveLength(5);
    expect(5 + pot[0] - pot[2]).toBeLessThan(0);
    expect(7 + pot[0] - pot[3]).toBeLessThan(0);
  });
});
