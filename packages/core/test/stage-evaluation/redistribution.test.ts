import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Allocation, AllocationRules } from '../../src/allocation/allocation.ts';
import { applyChangeRequest } from '../../src/allocation/change-request.ts';
import { addDays, dayNumber, dayString } from '../../src/allocation/calendar-day.ts';
import { poolsOfProgram } from '../../src/allocation/resources.ts';
import { validateAllocations } from '../../src/allocation/validate-allocations.ts';
import { afterElimination, apportionNodes, proposeRedistribution, type RedistributionRule } from '../../src/stage-evaluation/redistribution.ts';

// K-AI as seeded: one pool of 2,560 B200 in nodes of 8, five teams of 512 in stage 1 and stage 2
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
const rankOf = (team: string) => TEAMS.indexOf(team) + 1;
function seeded(gpus: (team: string) => number = () => 512): Allocation[] {
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
const recipients = TEAMS.map((team) => ({ taskId: team, team, rank: rankOf(team) }));
const eliminated = new Set(['kai-naver', 'kai-nc']);
const propose = (rule: RedistributionRule | undefined, allocations = seeded(), amounts?: Record<string, Record<string, number>>) =>
  proposeRedistribution({ rule, pools: [POOL], allocations, eliminated, recipients, decidedOn: '2026-01-12', amounts });
const sharesOf = (out: ReturnType<typeof propose>) => (out.ok ? Object.fromEntries(out.pools[0]!.shares.map((s) => [s.team, s.gpus])) : out.issues);

/** Applies the eliminations then the supplements, as the decision does, and returns the set. */
function applied(list: Allocation[], requests: ReturnType<typeof propose> & { ok: true }): Allocation[] {
  let ids = 0;
  let now = afterElimination(list, eliminated, '2026-01-12');
  for (const r of requests.requests) {
    const out = applyChangeRequest(now, r, rules, () => `n${++ids}`);
    expect(out.issues).toEqual([]);
    now = out.allocations;
  }
  return now;
}

describe('redistribution of eliminated teams’ GPUs', () => {
  it('K-AI: two eliminated teams’ 1,024 GPUs split equally in whole nodes, the remainder node to the higher-ranked teams (344/344/336)', () => {
    const out = propose({ rule: 'equal-split', remainder: 'higher-ranked' });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.pools[0]).toMatchObject({ returned: 1024, available: 1024, keptInPool: 0, effectiveFrom: '2026-01-13' });
    expect(sharesOf(out)).toEqual({ 'kai-lg': 344, 'kai-skt': 344, 'kai-upstage': 336 });
    // both the stage-1 tail (13–15 January) and stage 2 are raised, from the day after the decision
    const after = applied(seeded(), out);
    const lg = after.filter((a) => a.taskId === 'kai-lg').map((a) => [a.start, a.end, a.gpus]);
    expect(lg).toEqual(
      expect.arrayContaining([
        ['2025-08-04', '2026-01-12', 512],
        ['2026-01-13', '2026-01-15', 856],
        ['2026-01-16', '2026-08-31', 856],
      ]),
    );
  });

  it('keeps remainder nodes in the pool when the rule says so, and GPUs short of a node always', () => {
    const out = propose({ rule: 'equal-split', remainder: 'pool' });
    expect(sharesOf(out)).toEqual({ 'kai-lg': 336, 'kai-skt': 336, 'kai-upstage': 336 });
    if (out.ok) expect(out.pools[0]!.keptInPool).toBe(16);
  });

  it('splits in proportion to the GPUs each remaining team holds', () => {
    const sizes: Record<string, number> = { 'kai-lg': 768, 'kai-skt': 512, 'kai-upstage': 256, 'kai-naver': 512, 'kai-nc': 512 };
    const out = propose(
      { rule: 'proportional', remainder: 'higher-ranked' },
      seeded((t) => sizes[t]!),
    );
    // 128 nodes in the ratio 3:2:1 → 64, 42.67, 21.33: whole 64/42/21, the spare node to the largest fraction (skt)
    expect(sharesOf(out)).toEqual({ 'kai-lg': 512, 'kai-skt': 344, 'kai-upstage': 168 });
  });

  it('splits by rank weights, by default n for the top team down to 1', () => {
    expect(sharesOf(propose({ rule: 'by-rank', remainder: 'higher-ranked' }))).toEqual({ 'kai-lg': 512, 'kai-skt': 344, 'kai-upstage': 168 });
    expect(sharesOf(propose({ rule: 'by-rank', weights: [1, 1, 0], remainder: 'higher-ranked' }))).toEqual({ 'kai-lg': 512, 'kai-skt': 512, 'kai-upstage': 0 });
  });

  it('office decides: the amounts are required, checked and named by field', () => {
    const rule: RedistributionRule = { rule: 'office-decides' };
    const none = propose(rule);
    expect(none.ok ? [] : none.issues.map((i) => i.field)).toEqual(['redistribution.amounts.b200-pool']);
    const bad = propose(rule, seeded(), { 'b200-pool': { 'kai-lg': 100, 'kai-nc': 8, 'kai-skt': -8 } });
    expect(bad.ok ? [] : bad.issues.map((i) => [i.field, i.message.en])).toEqual([
      ['redistribution.amounts.b200-pool.kai-lg', 'GPUs must be whole nodes (a multiple of 8)'],
      ['redistribution.amounts.b200-pool.kai-nc', 'kai-nc is not a remaining team in this pool'],
      ['redistribution.amounts.b200-pool.kai-skt', 'GPUs must be a whole number, 0 or more'],
    ]);
    const over = propose(rule, seeded(), { 'b200-pool': { 'kai-lg': 1024, 'kai-skt': 8 } });
    expect(over.ok ? [] : over.issues.map((i) => i.message.en)).toEqual(['1032 GPUs in all is more than the 1024 available to hand on']);
    const fine = propose(rule, seeded(), { 'b200-pool': { 'kai-lg': 512, 'kai-upstage': 0 } });
    expect(sharesOf(fine)).toEqual({ 'kai-lg': 512, 'kai-skt': 0, 'kai-upstage': 0 });
    if (fine.ok) expect(fine.pools[0]!.keptInPool).toBe(512);
    const notAsked = propose({ rule: 'equal-split', remainder: 'higher-ranked' }, seeded(), { 'b200-pool': { 'kai-lg': 8 } });
    expect(notAsked.ok ? [] : notAsked.issues.map((i) => i.field)).toEqual(['redistribution.amounts']);
  });

  it('keeps a phase’s per-task cap: a team takes only what fits under it there, the rest stays in the pool those days', () => {
    const out = proposeRedistribution({
      rule: { rule: 'equal-split', remainder: 'higher-ranked' },
      pools: [POOL],
      allocations: seeded(),
      eliminated,
      recipients,
      decidedOn: '2026-01-12',
      phaseCaps: { 'stage-1': 600 },
    });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    // stage 1 lets each team hold 600: 88 more (11 nodes) in its last three days; stage 2 takes the whole share
    expect(out.pools[0]!.shares.map((x) => [x.team, x.gpus, x.limitedBy])).toEqual([
      ['kai-lg', 344, [{ phaseKey: 'stage-1', gpus: 88 }]],
      ['kai-skt', 344, [{ phaseKey: 'stage-1', gpus: 88 }]],
      ['kai-upstage', 336, [{ phaseKey: 'stage-1', gpus: 88 }]],
    ]);
    const after = applied(seeded(), out);
    expect(after.filter((a) => a.taskId === 'kai-lg' && a.end >= '2026-01-13').map((a) => [a.phaseKey, a.gpus])).toEqual(
      expect.arrayContaining([
        ['stage-1', 600],
        ['stage-2', 856],
      ]),
    );
  });

  it('hands nothing on without a rule, and never more than the pool holds free on a later day', () => {
    expect(propose(undefined)).toEqual({ ok: true, pools: [], requests: [] });
    // a team's stage-2 allocation shrinks so only 512 of the returned GPUs are free all stage long
    const list = seeded();
    list.push({
      id: 'extra',
      taskId: 'kai-extra',
      taskKey: 'kai-extra',
      poolKey: 'b200-pool',
      phaseKey: 'stage-2',
      gpus: 512,
      gpuMinutes: null,
      start: '2026-03-01',
      end: '2026-08-31',
    });
    const out = propose({ rule: 'equal-split', remainder: 'higher-ranked' }, list);
    expect(out.ok && out.pools[0]).toMatchObject({ returned: 1024, available: 512, keptInPool: 512 });
  });

  it('apportions never more nodes than given, whole nodes to teams with weight', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (nodes, weights, keep) => {
          const out = apportionNodes(
            nodes,
            weights.map((weight, i) => ({ team: `t${i}`, rank: i + 1, weight })),
            keep ? 'pool' : 'higher-ranked',
          );
          const total = [...out.values()].reduce((s, n) => s + n, 0);
          expect(total).toBeLessThanOrEqual(nodes);
          if (!keep && weights.some((w) => w > 0)) expect(total).toBe(nodes);
          weights.forEach((w, i) => w === 0 && expect(out.get(`t${i}`)).toBe(0));
        },
      ),
      { seed: 20260113, numRuns: 300 },
    );
  });

  it('capacity holds on every day after the eliminations and the redistribution, whatever the rule and the holdings', () => {
    const ruleArb = fc.constantFrom<RedistributionRule>(
      { rule: 'equal-split', remainder: 'higher-ranked' },
      { rule: 'proportional', remainder: 'higher-ranked' },
      { rule: 'by-rank', remainder: 'pool' },
    );
    let handedOn = 0;
    fc.assert(
      fc.property(
        ruleArb,
        fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 0, max: 60 }),
        (rule, nodes, extraStart) => {
          const list = seeded((t) => Math.min(64, nodes[rankOf(t) - 1]!) * 8);
          if (validateAllocations(list, rules).length) return;
          // another holder that comes in later in stage 2 and takes part of what is free
          const extra: Allocation = {
            id: 'x',
            taskId: 'x',
            taskKey: 'x',
            poolKey: 'b200-pool',
            phaseKey: 'stage-2',
            gpus: 8 * ((nodes[0]! % 40) + 1),
            gpuMinutes: null,
            start: addDays('2026-01-16', extraStart),
            end: '2026-08-31',
          };
          const all = validateAllocations([...list, extra], rules).length ? list : [...list, extra];
          const out = propose(rule, all);
          if (!out.ok) throw new Error(JSON.stringify(out.issues));
          handedOn += out.pools[0]?.shares.reduce((s, x) => s + x.gpus, 0) ?? 0;
          const after = applied(all, out);
          for (let d = dayNumber('2026-01-13'); d <= dayNumber('2026-08-31'); d += 3) {
            const day = dayString(d);
            expect(after.filter((a) => a.start <= day && a.end >= day).reduce((s, a) => s + a.gpus, 0)).toBeLessThanOrEqual(2560);
          }
          expect(validateAllocations(after, rules)).toEqual([]);
        },
      ),
      { seed: 20260112, numRuns: 60 },
    );
    expect(handedOn).toBeGreaterThan(0);
  });
});
