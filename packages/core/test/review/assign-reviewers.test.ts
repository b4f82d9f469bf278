import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/shared/random.ts';
import { assignReviewers, InvalidAssignmentInstance, type AssignmentResult } from '../../src/review/assign-reviewers.ts';
import { validateAssignmentInstance, type AssignmentInstance } from '../../src/review/assignment-instance.ts';
import { syntheticInstance } from '../../src/review/synthetic-instance.ts';
import { diffAssignments } from '../../src/review/assignment-diff.ts';
import { assignmentLp, loadHighs } from './highs-oracle.ts';

/** Every constraint of the instance, checked on the answer itself. */
function expectValid(inst: AssignmentInstance, result: AssignmentResult) {
  if (!result.feasible) throw new Error('expected a feasible result');
  const candidates = new Map(inst.affinity.map(([p, r, s]) => [`${p}|${r}`, s]));
  const conflicts = new Set(inst.conflicts.map(([p, r]) => `${p}|${r}`));
  const perProposal = new Map<string, number>();
  const perReviewer = new Map<string, number>();
  const seen = new Set<string>();
  let sum = 0;
  for (const [p, r] of result.assignments) {
    const k = `${p}|${r}`;
    expect(candidates.has(k), `${k} is a candidate pair`).toBe(true);
    expect(conflicts.has(k), `${k} is not conflicted`).toBe(false);
    expect(seen.has(k), `${k} assigned once`).toBe(false);
    seen.add(k);
    sum += candidates.get(k)!;
    perProposal.set(String(p), (perProposal.get(String(p)) ?? 0) + 1);
    perReviewer.set(String(r), (perReviewer.get(String(r)) ?? 0) + 1);
  }
  for (const p of inst.proposals) expect(perProposal.get(String(p.id)) ?? 0).toBe(p.reviews);
  for (const r of inst.reviewers) {
    const load = perReviewer.get(String(r.id)) ?? 0;
    expect(load).toBeLessThanOrEqual(r.maxLoad);
    expect(load).toBeGreaterThanOrEqual(r.minLoad ?? 0);
  }
  expect(result.objective).toBeCloseTo(sum, 6);
}

function randomShape(seed: number) {
  const rng = createRng(seed * 7919 + 1);
  const reviewers = 2 + rng.int(9);
  const maxLoad = 1 + rng.int(6);
  return {
    proposals: 2 + rng.int(14),
    reviewers,
    candidates: 1 + rng.int(reviewers),
    reviews: 1 + rng.int(3),
    maxLoad,
    minLoad: rng.next() < 0.3 ? Math.min(maxLoad, 1 + rng.int(2)) : 0,
    conflictRate: rng.next() < 0.5 ? rng.next() * 0.3 : 0,
    decimals: rng.int(4),
  };
}

describe('assignReviewers against the HiGHS LP optimum', () => {
  it('matches the LP optimum and feasibility on 400 random instances, every constraint holding', async () => {
    const highs = await loadHighs();
    let feasibleCount = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const inst = syntheticInstance(seed, randomShape(seed));
      const lp = highs.solve(assignmentLp(inst), { output_flag: false });
      const ours = assignReviewers(inst);
      expect(ours.feasible, `seed ${seed}: feasibility agrees with HiGHS (${lp.Status})`).toBe(lp.Status === 'Optimal');
      if (!ours.feasible) {
        expect(ours.reasons.length).toBeGreaterThan(0);
        for (const reason of ours.reasons) {
          // a group certificate must actually prove the shortfall
          if (reason.kind === 'proposals-share-too-few-reviewers') expect(reason.demand).toBeGreaterThan(reason.capacity);
          expect(reason.message.en.length).toBeGreaterThan(0);
        }
        continue;
      }
      feasibleCount++;
      expectValid(inst, ours);
      expect(Math.abs(ours.objective - lp.ObjectiveValue), `seed ${seed}`).toBeLessThan(1e-6);
    }
    // the shapes must exercise both outcomes, or the comparison proves little
    expect(feasibleCount).toBeGreaterThan(100);
    expect(feasibleCount).toBeLessThan(400);
  }, 120_000);

  it('matches the LP optimum on medium instances with negative and fractional scores', async () => {
    const highs = await loadHighs();
    for (let seed = 1; seed <= 20; seed++) {
      const inst = syntheticInstance(seed, { proposals: 60, reviewers: 25, candidates: 10, reviews: 3, maxLoad: 10, conflictRate: 0.1, decimals: 6 });
      inst.affinity = inst.affinity.map(([p, r, s]) => [p, r, s - 0.4]);
      const lp = highs.solve(assignmentLp(inst), { output_flag: false });
      const ours = assignReviewers(inst);
      expect(lp.Status).toBe('Optimal');
      expectValid(inst, ours);
      expect(Math.abs((ours as { objective: number }).objective - lp.ObjectiveValue)).toBeLessThan(1e-5);
    }
  }, 60_000);

  it('gives the same answer for the same input', () => {
    const inst = syntheticInstance(42, { proposals: 80, reviewers: 30, candidates: 12, reviews: 3, maxLoad: 9, conflictRate: 0.05 });
    expect(assignReviewers(inst)).toEqual(assignReviewers(structuredClone(inst)));
  });
});

describe('balance', () => {
  it('never raises the largest load, stays feasible and valid', () => {
    let spread = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const inst = syntheticInstance(seed, randomShape(seed));
      const plain = assignReviewers(inst);
      if (!plain.feasible) continue;
      const balanced = assignReviewers(inst, { balance: true });
      expectValid(inst, balanced);
      if (!balanced.feasible) continue;
      expect(Math.max(...balanced.loads)).toBeLessThanOrEqual(Math.max(...plain.loads));
      expect(balanced.objective).toBeLessThanOrEqual(plain.objective + 1e-9);
      if (Math.max(...balanced.loads) < Math.max(...plain.loads)) spread++;
    }
    expect(spread).toBeGreaterThan(0);
  });

  it('caps at the smallest largest load any valid assignment allows (HiGHS finds none below it)', async () => {
    const highs = await loadHighs();
    let checked = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const inst = syntheticInstance(seed, randomShape(seed));
      const balanced = assignReviewers(inst, { balance: true });
      if (!balanced.feasible) continue;
      const largest = Math.max(...balanced.loads);
      if (largest === 0) continue;
      const tighter = { ...inst, reviewers: inst.reviewers.map((r) => ({ ...r, maxLoad: Math.min(r.maxLoad, largest - 1) })) };
      expect(highs.solve(assignmentLp(tighter), { output_flag: false }).Status, `seed ${seed}`).not.toBe('Optimal');
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  }, 60_000);

  it('on a call where every reviewer must take exactly the cap, reaches the HiGHS optimum under that cap', async () => {
    // equal loads make the rising load costs a constant, so what is left is the plain optimum under the cap
    const highs = await loadHighs();
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rng = createRng(seed * 104729);
      const reviewers = 6 + rng.int(30),
        cap = 1 + rng.int(5);
      const inst = syntheticInstance(seed, {
        proposals: reviewers * cap,
        reviewers,
        candidates: Math.min(reviewers, 4 + rng.int(8)),
        reviews: 1,
        maxLoad: cap + 2,
        conflictRate: 0.05,
        decimals: 4,
      });
      const capped = { ...inst, reviewers: inst.reviewers.map((r) => ({ ...r, maxLoad: cap })) };
      const lp = highs.solve(assignmentLp(capped), { output_flag: false });
      const balanced = assignReviewers(inst, { balance: true });
      if (lp.Status !== 'Optimal') continue;
      compared++;
      expectValid(inst, balanced);
      expect(balanced.feasible && balanced.loads.every((l) => l === cap), `seed ${seed}`).toBe(true);
      expect(Math.abs((balanced as { objective: number }).objective - lp.ObjectiveValue), `seed ${seed}`).toBeLessThan(1e-6);
    }
    expect(compared).toBeGreaterThan(15);
  }, 60_000);

  it('spreads a call where everyone prefers one reviewer', () => {
    const inst: AssignmentInstance = {
      proposals: [1, 2, 3, 4].map((i) => ({ id: `p${i}`, reviews: 1 })),
      reviewers: [
        { id: 'star', maxLoad: 4 },
        { id: 'a', maxLoad: 4 },
        { id: 'b', maxLoad: 4 },
        { id: 'c', maxLoad: 4 },
      ],
      affinity: [1, 2, 3, 4].flatMap((i) => [
        [`p${i}`, 'star', 1] as [string, string, number],
        [`p${i}`, 'a', 0.9] as [string, string, number],
        [`p${i}`, 'b', 0.9] as [string, string, number],
        [`p${i}`, 'c', 0.9] as [string, string, number],
      ]),
      conflicts: [],
    };
    const plain = assignReviewers(inst);
    const balanced = assignReviewers(inst, { balance: true });
    expect(plain.feasible && plain.loads).toEqual([4, 0, 0, 0]);
    expect(balanced.feasible && balanced.loads).toEqual([1, 1, 1, 1]);
    expect(balanced.feasible && balanced.objective).toBeCloseTo(3.7, 9);
  });
});

describe('infeasibility explanations', () => {
  const base = (): AssignmentInstance => ({
    proposals: [
      { id: 'p1', reviews: 2 },
      { id: 'p2', reviews: 2 },
    ],
    reviewers: [
      { id: 'r1', maxLoad: 2 },
      { id: 'r2', maxLoad: 2 },
      { id: 'r3', maxLoad: 2 },
    ],
    affinity: [
      ['p1', 'r1', 1],
      ['p1', 'r2', 1],
      ['p2', 'r1', 1],
      ['p2', 'r2', 1],
      ['p2', 'r3', 1],
    ],
    conflicts: [],
  });

  it('names a proposal whose candidates are conflicted away', () => {
    const inst = base();
    inst.conflicts = [['p1', 'r2']];
    const res = assignReviewers(inst);
    expect(res.feasible).toBe(false);
    if (res.feasible) return;
    expect(res.reasons).toContainEqual(expect.objectContaining({ kind: 'proposal-lacks-eligible-reviewers', proposalId: 'p1', needed: 2, eligible: 1 }));
    expect(res.reasons[0].message.ko).toContain('p1');
  });

  it('compares total capacity with demand', () => {
    const inst = base();
    inst.reviewers = inst.reviewers.map((r) => ({ ...r, maxLoad: 1 }));
    const res = assignReviewers(inst);
    expect(res.feasible ? [] : res.reasons).toContainEqual(expect.objectContaining({ kind: 'capacity-below-demand', demand: 4, capacity: 3 }));
  });

  it('finds proposals competing for too few shared reviewers', () => {
    const inst = base();
    inst.proposals.push({ id: 'p3', reviews: 2 });
    inst.affinity.push(['p3', 'r1', 1], ['p3', 'r2', 1]);
    inst.reviewers[2].maxLoad = 5;
    const res = assignReviewers(inst);
    expect(res.feasible).toBe(false);
    if (res.feasible) return;
    const group = res.reasons.find((r) => r.kind === 'proposals-share-too-few-reviewers');
    // p1 and p3 can only use r1 and r2 (2 + 2 places) and p2 needs one of those places too
    expect(group).toMatchObject({ demand: 6, capacity: 5 });
    expect(group && 'proposalIds' in group && [...group.proposalIds].sort()).toEqual(['p1', 'p2', 'p3']);
    expect(group && 'reviewerIds' in group && [...group.reviewerIds].sort()).toEqual(['r1', 'r2']);
  });

  it('names reviewers whose minimum load cannot be met', () => {
    const inst = base();
    inst.reviewers[2].minLoad = 2;
    const res = assignReviewers(inst);
    expect(res.feasible ? [] : res.reasons).toContainEqual(
      expect.objectContaining({ kind: 'reviewer-min-load-unreachable', reviewerId: 'r3', minLoad: 2, eligible: 1 }),
    );
    inst.reviewers = inst.reviewers.map((r) => ({ ...r, minLoad: 2 }));
    const all = assignReviewers(inst);
    expect(all.feasible ? [] : all.reasons).toContainEqual(expect.objectContaining({ kind: 'min-load-above-demand', totalMinLoad: 6, demand: 4 }));
  });
});

describe('validation', () => {
  it('names the field of every problem', () => {
    const bad = {
      proposals: [
        { id: 'p1', reviews: 1 },
        { id: 'p1', reviews: 1 },
      ],
      reviewers: [{ id: 'r1', maxLoad: 1, minLoad: 2 }],
      affinity: [
        ['p1', 'r1', 1],
        ['p1', 'r1', 2],
        ['p9', 'r1', 1],
        ['p1', 'rX', 1],
      ],
      conflicts: [],
    };
    try {
      assignReviewers(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidAssignmentInstance);
      const fields = (e as InvalidAssignmentInstance).issues.map((i) => i.field);
      expect(fields).toEqual(expect.arrayContaining(['proposals.1.id', 'reviewers.0.minLoad', 'affinity.1', 'affinity.2.0', 'affinity.3.1']));
    }
  });

  it('reports issues in input order, a repeated pair naming its first listing, also when listings are far apart', () => {
    const { issues } = validateAssignmentInstance({
      proposals: [
        { id: 'p1', reviews: 1 },
        { id: 2, reviews: 1 },
      ],
      reviewers: [
        { id: 'r1', maxLoad: 2 },
        { id: 'r2', maxLoad: 2 },
      ],
      affinity: [
        ['p1', 'r1', 1],
        ['2', 'r2', 1],
        ['p1', 'r2', 1],
        ['p9', 'r1', 1],
        [2, 'r2', 0.5],
        ['p1', 'r1', 3],
        ['p1', 'rX', 1],
      ],
    });
    expect(issues.map((i) => [i.field, i.message.en])).toEqual([
      ['affinity.3.0', 'unknown proposal id "p9"'],
      ['affinity.4', 'pair ("2", "r2") is already listed at affinity.1'],
      ['affinity.5', 'pair ("p1", "r1") is already listed at affinity.0'],
      ['affinity.6.1', 'unknown reviewer id "rX"'],
    ]);
  });

  it("gives zod's issue for a malformed pair anywhere in a long list, and the same index form as a copy of the input", () => {
    const inst = syntheticInstance(5, { proposals: 200, reviewers: 50, candidates: 10, reviews: 2, maxLoad: 12, conflictRate: 0.05 });
    const good = validateAssignmentInstance(inst);
    expect(good.issues).toEqual([]);
    expect(good.indexed!.pairConflicted.reduce((a, b) => a + b, 0)).toBe(inst.conflicts.length);
    const again = validateAssignmentInstance(structuredClone(inst));
    expect({ ...again.indexed, instance: null }).toEqual({ ...good.indexed, instance: null });
    for (const [bad, field] of [
      [['p1', 'r1', Number.NaN], 'affinity.1500.2'],
      [['p1', 'r1'], 'affinity.1500'],
      [['p1', '', 1], 'affinity.1500.1'],
      [['p1', 'r1', '0.5'], 'affinity.1500.2'],
    ] as const) {
      const broken = structuredClone(inst) as { affinity: unknown[] };
      broken.affinity[1500] = bad;
      const { indexed, issues } = validateAssignmentInstance(broken);
      expect(indexed).toBeUndefined();
      expect(issues.map((i) => i.field)).toContain(field);
    }
    expect(validateAssignmentInstance({ ...inst, conflicts: [['p1']] }).issues.map((i) => i.field)).toEqual(['conflicts.0']);
  });

  it('rejects negative review counts by field', () => {
    expect(() => assignReviewers({ proposals: [{ id: 'p', reviews: -1 }], reviewers: [], affinity: [], conflicts: [] })).toThrow(/proposals\.0\.reviews/);
  });
});

describe('diffAssignments', () => {
  it('splits a proposal into added, removed and kept pairs', () => {
    const d = diffAssignments(
      [
        ['p1', 'r1'],
        ['p1', 'r2'],
        ['p2', 'r1'],
      ],
      [
        ['p1', 'r1'],
        ['p2', 'r3'],
        ['p2', 'r1'],
      ],
    );
    expect(d).toEqual({
      added: [['p2', 'r3']],
      removed: [['p1', 'r2']],
      kept: [
        ['p1', 'r1'],
        ['p2', 'r1'],
      ],
    });
  });
});
