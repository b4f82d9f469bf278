import { describe, expect, it } from 'vitest';
import { checkSelection, peakGpus, type SelectionEntry } from '../../src/selection/selection-limits.ts';

const entry = (id: string, outcome: SelectionEntry['outcome'], gpus = 256, reason = '사유'): SelectionEntry => ({
  applicationId: id,
  label: id,
  outcome,
  reason,
  gpuRequest: [
    { phaseKey: 'phase-1', gpus },
    { phaseKey: 'phase-2', gpus },
  ],
});
const sfm = { taskCount: 2, poolGpus: 512 };

describe('selection limits', () => {
  it('accepts two tasks of 256 GPUs in a 512-GPU pool, with reserves and rejections beside them', () => {
    expect(checkSelection([entry('a', 'selected'), entry('b', 'selected'), entry('c', 'reserve'), entry('d', 'rejected')], sfm)).toEqual([]);
  });

  it('refuses a third selected application: more than the program has tasks, and more GPUs than the pool', () => {
    const issues = checkSelection([entry('a', 'selected'), entry('b', 'selected'), entry('c', 'selected')], sfm);
    expect(issues.map((i) => i.message.en)).toEqual([
      '3 applications are selected but the call funds 2 tasks',
      'the selected applications ask for 768 GPUs in phase-1 but the pool holds 512',
      'the selected applications ask for 768 GPUs in phase-2 but the pool holds 512',
    ]);
  });

  it('checks the pool phase by phase: GPUs are held at once within a phase, not summed across phases', () => {
    const a: SelectionEntry = {
      ...entry('a', 'selected'),
      gpuRequest: [
        { phaseKey: 'phase-1', gpus: 400 },
        { phaseKey: 'phase-2', gpus: 100 },
      ],
    };
    const b: SelectionEntry = {
      ...entry('b', 'selected'),
      gpuRequest: [
        { phaseKey: 'phase-1', gpus: 100 },
        { phaseKey: 'phase-2', gpus: 412 },
      ],
    };
    expect(checkSelection([a, b], sfm)).toEqual([]);
    const c: SelectionEntry = { ...b, gpuRequest: [{ phaseKey: 'phase-1', gpus: 113 }] };
    expect(checkSelection([a, c], sfm).map((i) => i.message.en)).toEqual(['the selected applications ask for 513 GPUs in phase-1 but the pool holds 512']);
  });

  it('needs a written reason for every decision, naming its position', () => {
    const issues = checkSelection([entry('a', 'selected'), entry('b', 'rejected', 256, '  ')], sfm);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe('decisions.1.reason');
  });

  it('reads the peak request of an application as its largest phase', () => {
    expect(peakGpus([{ gpus: 64 }, { gpus: 256 }, { gpus: 128 }])).toBe(256);
    expect(peakGpus([])).toBe(0);
  });
});
