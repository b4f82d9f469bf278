import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Allocation } from '../../src/allocation/allocation.ts';
import { addDays, dayNumber } from '../../src/allocation/calendar-day.ts';
import { applyInOrder } from '../../src/allocation/change-requests-in-order.ts';
import { endingRequests } from '../../src/allocation/ending-requests.ts';
import { freeGpusOn, gpusHeldOn } from '../../src/allocation/free-gpus.ts';
import { validateAllocations } from '../../src/allocation/validate-allocations.ts';
import { alloc, counterIds, sfmRules } from './fixtures.ts';

const PHASE = { start: '2026-04-01', end: '2026-09-09' };
const span = dayNumber(PHASE.end) - dayNumber(PHASE.start);
/** the seed data's one pool: 512 B200 */
const program = { gpuPools: [{ key: 'b200-pool', gpuCount: 512 }] };

/**
 * A valid set of allocations from random seeds: up to three tasks, each allocation kept only when
 * the set still keeps every rule (capacity, no overlap within a task, phase bounds).
 */
function validSet(seeds: [number, number, number, number][]): Allocation[] {
  const list: Allocation[] = [];
  seeds.forEach(([task, nodes, s, e], i) => {
    const a = alloc(`a${i}`, {
      taskId: `task-${task}`,
      taskKey: `sfm-${task}`,
      gpus: nodes * 8,
      start: addDays(PHASE.start, Math.min(s, e)),
      end: addDays(PHASE.start, Math.max(s, e)),
    });
    if (validateAllocations([...list, a], sfmRules).length === 0) list.push(a);
  });
  return list;
}

const seedsArb = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span })),
  { minLength: 1, maxLength: 8 },
);
const dayArb = fc.integer({ min: -5, max: span + 5 }).map((n) => addDays(PHASE.start, n));

describe('free GPUs on a day', () => {
  it('is the pool size less what the allocations running that day hold', () => {
    const list = [alloc('x', { gpus: 256, start: '2026-04-01', end: '2026-05-31' }), alloc('y', { gpus: 128, start: '2026-05-01', end: '2026-09-09' })];
    expect(freeGpusOn(program, list, '2026-04-15')).toEqual({ 'b200-pool': 256 });
    expect(freeGpusOn(program, list, '2026-05-31')).toEqual({ 'b200-pool': 128 });
    expect(freeGpusOn(program, list, '2026-06-01')).toEqual({ 'b200-pool': 384 });
    expect(freeGpusOn(program, [], '2026-06-01')).toEqual({ 'b200-pool': 512 });
    expect(gpusHeldOn(list, 'b200-pool', '2026-05-15')).toBe(384);
    expect(gpusHeldOn(list, 'other-pool', '2026-05-15')).toBe(0);
  });

  it('is never negative and never above the pool while the allocations keep the rules', () => {
    fc.assert(
      fc.property(seedsArb, dayArb, (seeds, day) => {
        const list = validSet(seeds);
        const free = freeGpusOn(program, list, day)['b200-pool']!;
        expect(free).toBeGreaterThanOrEqual(0);
        expect(free).toBeLessThanOrEqual(512);
        expect(free).toBe(512 - gpusHeldOn(list, 'b200-pool', day));
      }),
      { numRuns: 200, seed: 20260113 },
    );
  });
});

describe('ending a task’s allocations after a day', () => {
  it('reclaims every GPU of the allocations running past the day, from the day after', () => {
    const list = [
      alloc('early', { taskId: 't', gpus: 64, start: '2026-04-01', end: '2026-04-30' }),
      alloc('running', { taskId: 't', gpus: 128, start: '2026-05-01', end: '2026-09-09' }),
      alloc('other', { taskId: 'u', gpus: 64, start: '2026-04-01', end: '2026-09-09' }),
    ];
    expect(endingRequests(list, new Set(['t']), '2026-06-15')).toEqual([
      { kind: 'reclaim', allocationId: 'running', removeGpus: 128, effectiveFrom: '2026-06-16' },
    ]);
    expect(endingRequests(list, new Set(['t']), '2026-09-09')).toEqual([]);
  });

  it('reclaims exactly the GPUs the tasks held after the last day, and nothing before it or of other tasks', () => {
    let ran = 0;
    fc.assert(
      fc.property(seedsArb, fc.integer({ min: 0, max: 2 }), fc.integer({ min: -3, max: span + 3 }), (seeds, out, offset) => {
        const before = validSet(seeds);
        const lastDay = addDays(PHASE.start, offset);
        const ending = new Set([`task-${out}`]);
        const applied = applyInOrder(before, endingRequests(before, ending, lastDay), sfmRules, counterIds());
        expect(applied.ok).toBe(true);
        if (!applied.ok) return;
        ran++;
        const after = applied.after;
        const mine = (list: readonly Allocation[], own: boolean) => list.filter((a) => ending.has(a.taskId) === own);
        // holdings only change where an allocation starts or ends, so those days (and the last day) cover every day
        const days = new Set([lastDay, addDays(lastDay, 1), ...[...before, ...after].flatMap((a) => [a.start, a.end, addDays(a.end, 1)])]);
        for (const day of days) {
          const heldBefore = gpusHeldOn(mine(before, true), 'b200-pool', day);
          // the ended tasks hold nothing after the last day and what they held up to it
          expect(gpusHeldOn(mine(after, true), 'b200-pool', day)).toBe(day > lastDay ? 0 : heldBefore);
          // the others are untouched, so the pool frees exactly what the ended tasks held after the last day
          expect(gpusHeldOn(mine(after, false), 'b200-pool', day)).toBe(gpusHeldOn(mine(before, false), 'b200-pool', day));
          expect(freeGpusOn(program, after, day)['b200-pool']! - freeGpusOn(program, before, day)['b200-pool']!).toBe(day > lastDay ? heldBefore : 0);
        }
        expect(validateAllocations(after, sfmRules)).toEqual([]);
      }),
      { numRuns: 150, seed: 20260114 },
    );
    expect(ran).toBe(150);
  });
});
