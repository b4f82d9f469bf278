import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChangeRequest, type ChangeRequest } from '../../src/allocation/change-request.ts';
import { addDays, dayNumber, dayString } from '../../src/allocation/calendar-day.ts';
import { validateAllocations } from '../../src/allocation/validate-allocations.ts';
import type { Allocation } from '../../src/allocation/allocation.ts';
import { alloc, counterIds, sfmRules } from './fixtures.ts';

const PHASE = { start: '2026-04-01', end: '2026-09-09' };
const span = dayNumber(PHASE.end) - dayNumber(PHASE.start);

/** Brute force: the pool total on every single day of the phase, never above 512. */
function capacityHoldsEveryDay(list: Allocation[]): boolean {
  for (let d = dayNumber(PHASE.start); d <= dayNumber(PHASE.end); d++) {
    const day = dayString(d);
    const total = list.filter((a) => a.start <= day && a.end >= day).reduce((s, a) => s + a.gpus, 0);
    if (total > 512) return false;
  }
  return true;
}

const dayArb = fc.integer({ min: 0, max: span + 20 }).map((n) => addDays(PHASE.start, n - 10));
const requestArb = (ids: string[]): fc.Arbitrary<ChangeRequest> => {
  const idArb = fc.constantFrom(...ids, 'missing');
  const gpus = fc.integer({ min: 0, max: 40 }).map((n) => n * 8);
  return fc.oneof(
    fc.record({ kind: fc.constant('supplement' as const), allocationId: idArb, addGpus: gpus, effectiveFrom: fc.option(dayArb, { nil: undefined }) }),
    fc.record({ kind: fc.constant('extension' as const), allocationId: idArb, newEnd: dayArb }),
    fc.record({
      kind: fc.constant('transfer' as const),
      fromAllocationId: idArb,
      toAllocationId: idArb,
      gpus: gpus.map((g) => g + 8),
      effectiveFrom: fc.option(dayArb, { nil: undefined }),
    }),
    fc.record({
      kind: fc.constantFrom('reduction' as const, 'reclaim' as const),
      allocationId: idArb,
      removeGpus: gpus,
      effectiveFrom: fc.option(dayArb, { nil: undefined }),
    }),
  );
};

describe('capacity property', () => {
  it('after any sequence of accepted changes the pool never holds more than its capacity on any day', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 25 }),
        (seeds, picks) => {
          // a valid starting set: each task one allocation, kept only when it fits
          let list: Allocation[] = [];
          seeds.forEach(([nodes, s, e], i) => {
            const a = alloc(`t${i}`, { gpus: nodes * 8, start: addDays(PHASE.start, Math.min(s, e)), end: addDays(PHASE.start, Math.max(s, e)) });
            if (validateAllocations([...list, a], sfmRules).length === 0) list.push(a);
          });
          const newId = counterIds();
          for (const pick of picks) {
            const ids = list.map((a) => a.id);
            if (ids.length === 0) break;
            const request = fc.sample(requestArb(ids), { seed: pick, numRuns: 1 })[0]!;
            const out = applyChangeRequest(list, request, sfmRules, newId);
            if (out.ok) {
              accepted++;
              list = out.allocations;
              expect(validateAllocations(list, sfmRules)).toEqual([]);
            } else {
              expect(out.issues.length).toBeGreaterThan(0);
            }
            expect(capacityHoldsEveryDay(list)).toBe(true);
          }
        },
      ),
      { numRuns: 150, seed: 20260401 },
    );
    // the property says something only if many changes were accepted along the way
    expect(accepted).toBeGreaterThan(100);
  });

  it('the sweep agrees with the day-by-day check on random sets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 48 }), fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span })), { maxLength: 8 }),
        (raw) => {
          const list = raw.map(([n, s, e], i) =>
            alloc(`t${i}`, { gpus: n * 8, start: addDays(PHASE.start, Math.min(s, e)), end: addDays(PHASE.start, Math.max(s, e)) }),
          );
          const capacityIssues = validateAllocations(list, sfmRules).filter((i) => i.field === 'gpus');
          expect(capacityIssues.length === 0).toBe(capacityHoldsEveryDay(list));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
