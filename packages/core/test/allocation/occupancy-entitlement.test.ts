import { describe, expect, it } from 'vitest';
import { peakAllocated, poolOccupancy } from '../../src/allocation/occupancy.ts';
import { taskEntitlement } from '../../src/allocation/entitlement.ts';
import { enforcementOn } from '../../src/allocation/slurm-limits.ts';
import { alloc } from './fixtures.ts';

const list = [
  alloc('a', { gpus: 192, end: '2026-05-31' }),
  alloc('a2', { taskId: 'task-a', taskKey: 'sfm-a', gpus: 256, start: '2026-06-01' }),
  alloc('b', { gpus: 256, start: '2026-04-15', gpuMinutes: 60_000 }),
];

describe('occupancy and entitlement', () => {
  it('draws the pool as steps over the phase, gaps included', () => {
    const steps = poolOccupancy(list, 'b200-pool', '2026-04-01', '2026-09-09');
    expect(steps.map((s) => [s.start, s.end, s.total])).toEqual([
      ['2026-04-01', '2026-04-14', 192],
      ['2026-04-15', '2026-05-31', 448],
      ['2026-06-01', '2026-09-09', 512],
    ]);
    expect(steps[1]!.byTask).toEqual({ 'sfm-a': 192, 'sfm-b': 256 });
    expect(poolOccupancy([alloc('x', { start: '2026-05-01', end: '2026-05-02' })], 'b200-pool', '2026-04-30', '2026-05-03').map((s) => s.total)).toEqual([
      0, 256, 0,
    ]);
    expect(peakAllocated(list, 'b200-pool')).toBe(512);
  });

  it('entitles GPUs × days, capped by a budget spread over the allocation', () => {
    // task a: 192 GPUs × 61 days + 256 GPUs × 101 days
    expect(taskEntitlement(list, 'task-a', { start: '2026-04-01', end: '2026-09-09' }).gpuSeconds).toBe((192 * 61 + 256 * 101) * 86_400);
    expect(taskEntitlement(list, 'task-a', { start: '2026-05-31', end: '2026-06-01' })).toEqual({ gpuSeconds: (192 + 256) * 86_400, peakGpus: 256 });
    // task b: budget of 60,000 GPU-minutes over 148 days, half of April (16 days)
    expect(taskEntitlement(list, 'task-b', { start: '2026-04-01', end: '2026-04-30' }).gpuSeconds).toBe(Math.floor((60_000 * 60 * 16) / 148));
  });

  it('tells Slurm the GPUs of the allocations active on the day, and blocks blocked tasks', () => {
    const tasks = [
      { id: 'task-a', key: 'sfm-a', programSlug: 'specialized-fm', status: 'active' as const, members: ['kim', 'lee', 'kim'] },
      { id: 'task-b', key: 'sfm-b', programSlug: 'specialized-fm', status: 'blocked' as const, members: [] },
      { id: 'task-c', key: 'sfm-c', programSlug: 'specialized-fm', status: 'active' as const, members: ['park'] },
    ];
    expect(enforcementOn('2026-04-10', tasks, list)).toEqual([
      {
        programSlug: 'specialized-fm',
        taskKey: 'sfm-a',
        gpus: 192,
        gpuMinutes: null,
        blocked: false,
        members: ['kim', 'lee'],
        phaseKey: 'phase-2',
        placements: [{}],
      },
      { programSlug: 'specialized-fm', taskKey: 'sfm-b', gpus: 0, gpuMinutes: null, blocked: true, members: [], phaseKey: 'phase-2', placements: [{}] },
    ]);
    expect(enforcementOn('2026-06-01', tasks, list).map((t) => [t.taskKey, t.gpus, t.gpuMinutes])).toEqual([
      ['sfm-a', 256, null],
      ['sfm-b', 256, 60_000],
    ]);
  });
});
