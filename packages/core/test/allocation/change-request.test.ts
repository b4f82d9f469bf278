import { describe, expect, it } from 'vitest';
import { applyChangeRequest } from '../../src/allocation/change-request.ts';
import { alloc, counterIds, sfmRules } from './fixtures.ts';

const base = [alloc('a', { gpus: 192 }), alloc('b', { gpus: 256 })];

describe('change requests', () => {
  it('a supplement from a day splits the allocation: the old GPUs before, the new after', () => {
    const out = applyChangeRequest(base, { kind: 'supplement', allocationId: 'a', addGpus: 64, effectiveFrom: '2026-06-01' }, sfmRules, counterIds());
    expect(out.ok).toBe(true);
    const a = out.allocations.filter((x) => x.taskId === 'task-a').sort((x, y) => (x.start < y.start ? -1 : 1));
    expect(a.map((x) => [x.start, x.end, x.gpus])).toEqual([
      ['2026-04-01', '2026-05-31', 192],
      ['2026-06-01', '2026-09-09', 256],
    ]);
    expect(out.changes.map((c) => c.kind).sort()).toEqual(['changed', 'created']);
  });

  it('a supplement beyond the pool is refused with the first day of excess', () => {
    const out = applyChangeRequest(base, { kind: 'supplement', allocationId: 'a', addGpus: 72, effectiveFrom: '2026-06-01' }, sfmRules, counterIds());
    expect(out.ok).toBe(false);
    expect(out.issues[0]!.instant).toBe('2026-06-01');
    expect(out.issues[0]!.message.en).toContain('520 GPUs');
  });

  it('a supplement of budget only keeps the GPUs and adds GPU-minutes', () => {
    const withBudget = [alloc('a', { gpus: 192, gpuMinutes: 1_000_000 }), alloc('b')];
    const out = applyChangeRequest(withBudget, { kind: 'supplement', allocationId: 'a', addGpus: 0, addGpuMinutes: 50_000 }, sfmRules, counterIds());
    expect(out.ok).toBe(true);
    expect(out.allocations.find((x) => x.id === 'a')).toMatchObject({ gpus: 192, gpuMinutes: 1_050_000 });
  });

  it('splitting a budgeted allocation keeps the budget whole', () => {
    const withBudget = [alloc('a', { gpus: 192, gpuMinutes: 1_000_001 }), alloc('b')];
    const out = applyChangeRequest(withBudget, { kind: 'reduction', allocationId: 'a', removeGpus: 64, effectiveFrom: '2026-07-01' }, sfmRules, counterIds());
    expect(out.ok).toBe(true);
    expect(out.allocations.filter((x) => x.taskId === 'task-a').reduce((s, x) => s + x.gpuMinutes!, 0)).toBe(1_000_001);
  });

  it('an extension must stay inside the phase', () => {
    const short = [alloc('a', { end: '2026-08-31' })];
    expect(applyChangeRequest(short, { kind: 'extension', allocationId: 'a', newEnd: '2026-09-09' }, sfmRules, counterIds()).ok).toBe(true);
    const out = applyChangeRequest(short, { kind: 'extension', allocationId: 'a', newEnd: '2026-09-20' }, sfmRules, counterIds());
    expect(out.ok).toBe(false);
    expect(out.issues[0]!.message.en).toContain('ends on 2026-09-20, outside Phase 2');
    expect(applyChangeRequest(short, { kind: 'extension', allocationId: 'a', newEnd: '2026-08-01' }, sfmRules, counterIds()).issues[0]!.field).toBe('newEnd');
  });

  it('a transfer moves GPUs between tasks from a day and keeps the pool total', () => {
    const out = applyChangeRequest(
      base,
      { kind: 'transfer', fromAllocationId: 'b', toAllocationId: 'a', gpus: 64, effectiveFrom: '2026-07-01' },
      sfmRules,
      counterIds(),
    );
    expect(out.ok).toBe(true);
    const on = (day: string, task: string) =>
      out.allocations.filter((x) => x.taskId === task && x.start <= day && x.end >= day).reduce((s, x) => s + x.gpus, 0);
    expect([on('2026-06-30', 'task-a'), on('2026-06-30', 'task-b')]).toEqual([192, 256]);
    expect([on('2026-07-01', 'task-a'), on('2026-07-01', 'task-b')]).toEqual([256, 192]);
    expect(applyChangeRequest(base, { kind: 'transfer', fromAllocationId: 'b', toAllocationId: 'b', gpus: 8 }, sfmRules, counterIds()).ok).toBe(false);
    expect(applyChangeRequest(base, { kind: 'transfer', fromAllocationId: 'b', toAllocationId: 'a', gpus: 264 }, sfmRules, counterIds()).ok).toBe(false);
  });

  it('a reclaim of every GPU from a day ends the allocation the day before', () => {
    const out = applyChangeRequest(base, { kind: 'reclaim', allocationId: 'a', removeGpus: 192, effectiveFrom: '2026-08-01' }, sfmRules, counterIds());
    expect(out.ok).toBe(true);
    expect(out.allocations.filter((x) => x.taskId === 'task-a').map((x) => [x.start, x.end])).toEqual([['2026-04-01', '2026-07-31']]);
  });

  it('names a missing allocation and a day after the allocation', () => {
    expect(applyChangeRequest(base, { kind: 'supplement', allocationId: 'zz', addGpus: 8 }, sfmRules, counterIds()).issues[0]!.field).toBe('allocationId');
    const late = applyChangeRequest(
      [alloc('a', { end: '2026-05-01' })],
      { kind: 'supplement', allocationId: 'a', addGpus: 8, effectiveFrom: '2026-06-01' },
      sfmRules,
      counterIds(),
    );
    expect(late.issues[0]!.field).toBe('effectiveFrom');
  });
});
