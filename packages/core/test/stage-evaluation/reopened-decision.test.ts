import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Allocation, AllocationRules } from '../../src/allocation/allocation.ts';
import { addDays } from '../../src/allocation/calendar-day.ts';
import { applyChangeRequest } from '../../src/allocation/change-request.ts';
import { poolsOfProgram } from '../../src/allocation/resources.ts';
import { validateAllocations } from '../../src/allocation/validate-allocations.ts';
import { afterElimination, proposeRedistribution, type RedistributionRule } from '../../src/stage-evaluation/redistribution.ts';
import { correctedShares, correctionTransfers, outcomeChanges, reopenAllocations } from '../../src/stage-evaluation/reopened-decision.ts';

// K-AI as seeded: one pool of 2,560 B200 in nodes of 8, five teams in stage 1 and stage 2
const POOL = { key: 'b200-pool', gpuCount: 2560, gpusPerNode: 8 };
const rules: AllocationRules = {
  pools: poolsOfProgram({
    slug: 'k-ai',
    gpuPools: [
      { key: 'b200-pool', name: { ko: '풀', en: 'pool' }, gpuModel: 'NVIDIA B200', gpuCount: 2560, gpusPerNode: 8, hostingSite: { ko: '센터', en: 'centre' } },
    ],
  }),
  phases: [
    { key: 'stage-1', name: { ko: '1차', en: 'Stage 1' }, start: '2025-08-04', end: '2026-01-15' },
    { key: 'stage-2', name: { ko: '2차', en: 'Stage 2' }, start: '2026-01-16', end: '2026-08-31' },
  ],
};
const TEAMS = ['kai-lg', 'kai-skt', 'kai-upstage', 'kai-naver', 'kai-nc'];
const DECIDED = '2026-01-12';
function seeded(gpus: (team: string) => number): Allocation[] {
  return TEAMS.flatMap((team) => [
    {
      id: `${team}-1`,
      taskId: team,
      taskKey: team,
      poolKey: 'b200-pool',
      phaseKey: 'stage-1',
      gpus: gpus(team),
      gpuMinutes: null,
      start: '2025-08-04',
      end: '2026-01-15',
    },
    {
      id: `${team}-2`,
      taskId: team,
      taskKey: team,
      poolKey: 'b200-pool',
      phaseKey: 'stage-2',
      gpus: gpus(team),
      gpuMinutes: null,
      start: '2026-01-16',
      end: '2026-08-31',
    },
  ]);
}
const heldOn = (list: readonly Allocation[], team: string, day: string) =>
  list.filter((a) => a.taskId === team && a.start <= day && a.end >= day).reduce((s, a) => s + a.gpus, 0);

/** The first decision as enforced: `out` eliminated, its GPUs handed on by `rule`. */
function decided(before: Allocation[], out: string, rule: RedistributionRule) {
  const p = proposeRedistribution({
    rule,
    pools: [POOL],
    allocations: before,
    eliminated: new Set([out]),
    recipients: TEAMS.map((team, i) => ({ taskId: team, team, rank: i + 1 })),
    decidedOn: DECIDED,
  });
  if (!p.ok) throw new Error('redistribution refused');
  let ids = 0;
  let now = afterElimination(before, new Set([out]), DECIDED);
  for (const r of p.requests) now = applyChangeRequest(now, r, rules, () => `d${++ids}`).allocations;
  const takeBack = p.pools[0]!.shares.map((s) => ({ taskId: s.team, poolKey: 'b200-pool', gpus: s.gpus }));
  return { now, takeBack };
}

describe('an upheld appeal reverses an elimination', () => {
  it('K-AI: kai-nc continues after all; from 20 January it holds its 512 again and the three others give back exactly the 128 each they received', () => {
    const before = seeded(() => 512);
    const { now, takeBack } = decided(before, 'kai-nc', { rule: 'equal-split', remainder: 'higher-ranked' });
    expect(takeBack.filter((t) => t.gpus > 0).length).toBe(4);
    let ids = 0;
    const out = reopenAllocations(
      { current: now, restore: [{ taskId: 'kai-nc', heldBefore: before.filter((a) => a.taskId === 'kai-nc') }], takeBack, effectiveFrom: '2026-01-20' },
      rules,
      () => `r${++ids}`,
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(heldOn(out.allocations, 'kai-nc', '2026-01-19')).toBe(0);
    expect(heldOn(out.allocations, 'kai-nc', '2026-01-20')).toBe(512);
    for (const team of TEAMS.filter((t) => t !== 'kai-nc')) {
      expect(heldOn(out.allocations, team, '2026-01-19')).toBe(640);
      expect(heldOn(out.allocations, team, '2026-01-20')).toBe(512);
    }
    expect(out.restored).toEqual([{ taskKey: 'kai-nc', poolKey: 'b200-pool', phaseKey: 'stage-2', gpus: 512, start: '2026-01-20', end: '2026-08-31' }]);
    expect(validateAllocations(out.allocations, rules)).toEqual([]);
  });

  it('K-AI: with kai-nc still out, its 512 split again over four teams gives kai-naver 128 and leaves each of the three 128 of its 344/344/336', () => {
    const shares = correctedShares({
      rule: { rule: 'equal-split', remainder: 'higher-ranked' },
      gpusPerNode: 8,
      returned: 512,
      oldReturned: 1024,
      oldShares: { 'kai-lg': 344, 'kai-skt': 344, 'kai-upstage': 336 },
      recipients: ['kai-lg', 'kai-skt', 'kai-naver', 'kai-upstage'].map((team, i) => ({ team, rank: i + 1, before: 512 })),
    });
    expect(Object.fromEntries(shares)).toEqual({ 'kai-lg': 128, 'kai-skt': 128, 'kai-naver': 128, 'kai-upstage': 128 });
    // the office's own amounts shrink with what is handed on, in whole nodes
    const office = correctedShares({
      rule: { rule: 'office-decides' },
      gpusPerNode: 8,
      returned: 256,
      oldReturned: 512,
      oldShares: { a: 200, b: 312 },
      recipients: [
        { team: 'a', rank: 1, before: 8 },
        { team: 'b', rank: 2, before: 8 },
        { team: 'c', rank: 3, before: 8 },
      ],
    });
    expect(Object.fromEntries(office)).toEqual({ a: 96, b: 152, c: 0 });
  });

  it('names the teams whose outcome changes and no other', () => {
    const a = (taskKey: string, outcome: 'continue' | 'eliminate') => ({ taskId: taskKey, taskKey, outcome });
    expect(outcomeChanges([a('x', 'continue'), a('y', 'eliminate')], [a('x', 'continue'), a('y', 'continue')])).toEqual([
      { taskId: 'y', taskKey: 'y', before: 'eliminate', after: 'continue' },
    ]);
  });

  it('property: capacity holds, the restored team holds what it held before, every team’s GPUs stay whole nodes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom<RedistributionRule>(
          { rule: 'equal-split', remainder: 'higher-ranked' },
          { rule: 'proportional', remainder: 'pool' },
          { rule: 'by-rank', remainder: 'higher-ranked' },
        ),
        fc.integer({ min: 1, max: 200 }),
        (nodes, outIndex, rule, daysAfter) => {
          const before = seeded((t) => nodes[TEAMS.indexOf(t)]! * 8);
          const out = TEAMS[outIndex]!;
          const { now, takeBack } = decided(before, out, rule);
          const from = addDays(DECIDED, daysAfter);
          let ids = 0;
          const res = reopenAllocations(
            { current: now, restore: [{ taskId: out, heldBefore: before.filter((a) => a.taskId === out) }], takeBack, effectiveFrom: from },
            rules,
            () => `r${++ids}`,
          );
          expect(res.ok).toBe(true);
          if (!res.ok) return;
          expect(validateAllocations(res.allocations, rules)).toEqual([]);
          for (const day of [from, addDays(from, 30), '2026-08-31']) {
            if (day > '2026-08-31') continue;
            for (const team of TEAMS) expect(heldOn(res.allocations, team, day)).toBe(heldOn(before, team, day));
          }
          expect(res.allocations.every((a) => a.gpus % 8 === 0)).toBe(true);
        },
      ),
    );
  });
});

/**
 * Issue 16 item 4: the appeal of `out` is upheld, it continues, and the corrected results put `next`
 * last — a team that continued under the decision in force. What the app computes, on core alone:
 * the corrected split of `next`'s own GPUs, then the allocations from `from`.
 */
function correctToEliminate(before: Allocation[], out: string, next: string, rule: RedistributionRule, from: string) {
  const { now, takeBack: oldShares } = decided(before, out, rule);
  const share = (team: string) => oldShares.find((s) => s.taskId === team)?.gpus ?? 0;
  const dayAfter = addDays(DECIDED, 1);
  const own = (team: string) => heldOn(before, team, dayAfter);
  const recipients = TEAMS.filter((t) => t !== next).map((team, i) => ({ taskId: team, team, rank: i + 1, before: own(team), restored: team === out }));
  const moves = correctionTransfers({
    rule,
    gpusPerNode: 8,
    returned: heldOn(now, next, dayAfter) - share(next),
    oldReturned: own(out),
    oldShares: Object.fromEntries(TEAMS.map((t) => [t, share(t)])),
    recipients,
  });
  let ids = 0;
  const res = reopenAllocations(
    {
      current: now,
      restore: [
        { taskId: out, heldBefore: before.filter((a) => a.taskId === out), receives: moves.receives.map((m) => ({ poolKey: 'b200-pool', gpus: m.gpus })) },
      ],
      takeBack: moves.takeBack.map((m) => ({ ...m, poolKey: 'b200-pool' })),
      give: moves.give.map((m) => ({ ...m, poolKey: 'b200-pool' })),
      end: [next],
      effectiveFrom: from,
    },
    rules,
    () => `c${++ids}`,
  );
  return { now, res, moves, share };
}

describe('a corrected decision that newly eliminates a team (issue 16 item 4)', () => {
  it('K-AI: kai-nc continues after all and kai-upstage, now last, is out from 2 February; its 512 go to the four that remain, 128 each', () => {
    const before = seeded(() => 512);
    const { res, moves } = correctToEliminate(before, 'kai-nc', 'kai-upstage', { rule: 'equal-split', remainder: 'higher-ranked' }, '2026-02-02');
    expect(moves).toEqual({ receives: [{ taskId: 'kai-nc', gpus: 128 }], takeBack: [], give: [] });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(heldOn(res.allocations, 'kai-upstage', '2026-02-01')).toBe(640);
    expect(heldOn(res.allocations, 'kai-upstage', '2026-02-02')).toBe(0);
    expect(heldOn(res.allocations, 'kai-nc', '2026-02-02')).toBe(640);
    for (const team of ['kai-lg', 'kai-skt', 'kai-naver']) expect(heldOn(res.allocations, team, '2026-02-02')).toBe(640);
    expect(res.ended).toEqual([{ taskKey: 'kai-upstage', poolKey: 'b200-pool', phaseKey: 'stage-2', gpus: 640, from: '2026-02-02' }]);
    expect(validateAllocations(res.allocations, rules)).toEqual([]);
  });

  it('by rank: a share that grows is handed on as a supplement, one that shrinks is taken back, from the same day', () => {
    const before = seeded((t) => ({ 'kai-lg': 512, 'kai-skt': 256, 'kai-upstage': 512, 'kai-naver': 128, 'kai-nc': 256 })[t]!);
    const { res, moves, share } = correctToEliminate(before, 'kai-nc', 'kai-lg', { rule: 'proportional', remainder: 'pool' }, '2026-03-03');
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    // kai-lg's 512 are far more than kai-nc's 256 were: every remaining team gets more than before
    expect(moves.give.map((g) => g.taskId).sort()).toEqual(['kai-naver', 'kai-skt', 'kai-upstage']);
    expect(moves.takeBack).toEqual([]);
    for (const g of moves.give) expect(heldOn(res.allocations, g.taskId, '2026-03-03')).toBe(heldOn(before, g.taskId, '2026-03-03') + share(g.taskId) + g.gpus);
    expect(res.given.map((g) => [g.taskKey, g.from])).toEqual(moves.give.map((g) => [g.taskId, '2026-03-03']));
    expect(heldOn(res.allocations, 'kai-lg', '2026-03-03')).toBe(0);
    expect(heldOn(res.allocations, 'kai-lg', '2026-03-02')).toBe(512 + share('kai-lg'));
  });

  it('property: the newly eliminated team holds nothing from the effective day, the others keep their own GPUs, shares never exceed what it gave back, capacity holds, whole nodes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom<RedistributionRule>(
          { rule: 'equal-split', remainder: 'higher-ranked' },
          { rule: 'proportional', remainder: 'pool' },
          { rule: 'by-rank', remainder: 'higher-ranked' },
        ),
        fc.integer({ min: 1, max: 200 }),
        (nodes, outIndex, shift, rule, daysAfter) => {
          const before = seeded((t) => nodes[TEAMS.indexOf(t)]! * 8);
          const out = TEAMS[outIndex]!;
          const next = TEAMS[(outIndex + shift) % 5]!;
          const from = addDays(DECIDED, daysAfter);
          const { now, res } = correctToEliminate(before, out, next, rule, from);
          expect(res.ok).toBe(true);
          if (!res.ok) return;
          expect(validateAllocations(res.allocations, rules)).toEqual([]);
          expect(res.allocations.every((a) => a.gpus % 8 === 0)).toBe(true);
          for (const day of [from, '2026-08-31']) {
            if (day > '2026-08-31') continue;
            expect(heldOn(res.allocations, next, day)).toBe(0);
            const remaining = TEAMS.filter((t) => t !== next);
            for (const team of remaining) expect(heldOn(res.allocations, team, day)).toBeGreaterThanOrEqual(heldOn(before, team, day));
            const handedOn = remaining.reduce((n, t) => n + heldOn(res.allocations, t, day) - heldOn(before, t, day), 0);
            expect(handedOn).toBeLessThanOrEqual(heldOn(before, next, day));
          }
          // the days before the correction are as the decision in force left them
          const dayBefore = addDays(from, -1);
          for (const team of TEAMS) expect(heldOn(res.allocations, team, dayBefore)).toBe(heldOn(now, team, dayBefore));
        },
      ),
      { numRuns: 60 },
    );
  }, 30_000);
});
