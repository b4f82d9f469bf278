import { describe, expect, it } from 'vitest';
import { validateAllocations } from '../../src/allocation/validate-allocations.ts';
import { poolsOfProgram } from '../../src/allocation/resources.ts';
import { alloc, sfmRules } from './fixtures.ts';

describe('allocation validation', () => {
  it('accepts the specialized-fm plan: two tasks of 256 B200 fill the 512-GPU pool exactly', () => {
    expect(validateAllocations([alloc('a'), alloc('b')], sfmRules)).toEqual([]);
    expect(sfmRules.pools[0]!.nodes).toBe(64);
    expect(sfmRules.pools[0]!.nodeType.gpusPerNode).toBe(8);
  });

  it('refuses a third task and names the day and the allocations that exceed the capacity', () => {
    const issues = validateAllocations([alloc('a'), alloc('b'), alloc('c', { gpus: 8, start: '2026-06-15', end: '2026-06-30' })], sfmRules);
    expect(issues).toHaveLength(1);
    const [i] = issues;
    expect(i!.allocationId).toBe('c');
    expect(i!.instant).toBe('2026-06-15');
    expect(i!.field).toBe('gpus');
    expect(i!.message.en).toContain('on 2026-06-15');
    expect(i!.message.en).toContain('520 GPUs, more than its 512');
    expect(i!.message.en).toContain('sfm-c b200-pool 2026-06-15–2026-06-30');
    expect(i!.message.ko).toContain('2026-06-15');
    expect(i!.involved.sort()).toEqual(['a', 'b', 'c']);
  });

  it('finds an excess that exists only on one day where two allocations meet', () => {
    const list = [
      alloc('a', { gpus: 256, start: '2026-04-01', end: '2026-05-10' }),
      alloc('b', { gpus: 256 }),
      alloc('c', { taskId: 'task-a', taskKey: 'sfm-a', gpus: 264, start: '2026-05-10', end: '2026-09-09' }),
    ];
    const issues = validateAllocations(list, sfmRules);
    // a and c are the same task and share 10 May: an overlap, and 776 GPUs that day
    expect(issues.map((i) => [i.field, i.instant])).toEqual(
      expect.arrayContaining([
        ['start', '2026-05-10'],
        ['gpus', '2026-05-10'],
      ]),
    );
    const overlap = issues.find((i) => i.field === 'start')!;
    expect(overlap.conflictsWith).toBe('a');
    expect(overlap.message.en).toMatch(/sfm-a b200-pool 2026-05-10–2026-09-09 .* overlaps sfm-a b200-pool 2026-04-01–2026-05-10/);
    // ending the day before removes both problems
    expect(validateAllocations([list[0]!, list[1]!, { ...list[2]!, gpus: 256, start: '2026-05-11' }], sfmRules)).toEqual([]);
  });

  it('allows the same task two allocations one after the other (one per period)', () => {
    const list = [
      alloc('a', { end: '2026-06-30' }),
      alloc('a2', { taskId: 'task-a', taskKey: 'sfm-a', gpus: 320, start: '2026-07-01' }),
      alloc('b', { gpus: 192 }),
    ];
    expect(validateAllocations(list, sfmRules)).toEqual([]);
  });

  it('refuses dates outside the phase and says which phase and which day', () => {
    const issues = validateAllocations([alloc('a', { start: '2026-03-25', end: '2026-09-10' })], sfmRules);
    expect(issues.map((i) => i.field).sort()).toEqual(['end', 'start']);
    const start = issues.find((i) => i.field === 'start')!;
    expect(start.instant).toBe('2026-03-25');
    expect(start.message.en).toContain('starts on 2026-03-25, outside Phase 2 (2026-04-01–2026-09-09)');
    expect(start.message.ko).toContain('2단계');
  });

  it('refuses partial nodes, zero GPUs, a negative budget, reversed and impossible dates', () => {
    const fields = (a: Parameters<typeof alloc>[1]) => validateAllocations([alloc('x', a)], sfmRules).map((i) => i.field);
    expect(fields({ gpus: 12 })).toEqual(['gpus']);
    expect(fields({ gpus: 0 })).toEqual(['gpus']);
    expect(fields({ gpuMinutes: -1 })).toEqual(['gpuMinutes']);
    expect(fields({ start: '2026-05-02', end: '2026-05-01' })).toEqual(['end']);
    expect(fields({ start: '2026-02-30' })).toContain('start');
    expect(fields({ poolKey: 'h100' })).toEqual(['poolKey']);
  });

  it('judges a change only on what it touches when asked to', () => {
    const broken = alloc('old', { start: '2026-03-01' });
    const fresh = alloc('new', { taskId: 't2', taskKey: 'sfm-new', gpus: 8 });
    expect(validateAllocations([broken, fresh], sfmRules).length).toBeGreaterThan(0);
    expect(validateAllocations([broken, fresh], sfmRules, new Set(['new']))).toEqual([]);
  });

  it('works for any pool from a program definition (a third program needs no code)', () => {
    const rules = {
      pools: poolsOfProgram({
        slug: 'p3',
        gpuPools: [{ key: 'h100', name: { ko: 'H100', en: 'H100' }, gpuModel: 'NVIDIA H100', gpuCount: 64, gpusPerNode: 4, hostingSite: { ko: 'x', en: 'x' } }],
      }),
      phases: [{ key: 'y1', name: { ko: '1년차', en: 'Year 1' }, start: '2027-01-01', end: '2027-12-31' }],
    };
    const a = alloc('a', { poolKey: 'h100', phaseKey: 'y1', gpus: 36, start: '2027-01-01', end: '2027-12-31' });
    expect(validateAllocations([a, alloc('b', { poolKey: 'h100', phaseKey: 'y1', gpus: 28, start: '2027-03-01', end: '2027-03-31' })], rules)).toEqual([]);
    const issues = validateAllocations([a, alloc('b', { poolKey: 'h100', phaseKey: 'y1', gpus: 32, start: '2027-03-01', end: '2027-03-31' })], rules);
    expect(issues.map((i) => [i.allocationId, i.instant])).toEqual([['b', '2027-03-01']]);
  });
});
