import { describe, expect, it } from 'vitest';
import type { Allocation } from '../../src/allocation/allocation.ts';
import { retroactiveReasonMissing, retroactiveSupplement } from '../../src/allocation/retroactive-supplement.ts';

const alloc: Allocation = {
  id: 'a1',
  taskId: 't1',
  taskKey: 'sfm-01',
  poolKey: 'b200',
  phaseKey: 'p1',
  gpus: 256,
  gpuMinutes: null,
  start: '2026-07-01',
  end: '2026-12-31',
};

describe('retroactive supplement', () => {
  it('is retroactive when it takes effect before today, from effectiveFrom or the allocation start', () => {
    expect(retroactiveSupplement({ kind: 'supplement', allocationId: 'a1', addGpus: 64, effectiveFrom: '2026-11-20' }, [alloc], '2026-12-05')).toEqual({
      startsOn: '2026-11-20',
      today: '2026-12-05',
      daysBack: 15,
    });
    // no effectiveFrom: the supplement covers the whole allocation, from 1 July (157 days before 5 December)
    expect(retroactiveSupplement({ kind: 'supplement', allocationId: 'a1', addGpus: 64 }, [alloc], '2026-12-05')?.daysBack).toBe(31 + 31 + 30 + 31 + 30 + 4);
  });
  it('is not retroactive from today on, nor for other kinds of request', () => {
    expect(retroactiveSupplement({ kind: 'supplement', allocationId: 'a1', addGpus: 64, effectiveFrom: '2026-12-05' }, [alloc], '2026-12-05')).toBeNull();
    expect(retroactiveSupplement({ kind: 'supplement', allocationId: 'a1', addGpus: 64, effectiveFrom: '2026-12-06' }, [alloc], '2026-12-05')).toBeNull();
    expect(retroactiveSupplement({ kind: 'reduction', allocationId: 'a1', removeGpus: 64, effectiveFrom: '2026-11-01' }, [alloc], '2026-12-05')).toBeNull();
  });
  it('needs a written reason of ten characters', () => {
    expect(retroactiveReasonMissing(undefined)).toBe(true);
    expect(retroactiveReasonMissing('   short  ')).toBe(true);
    expect(retroactiveReasonMissing('패널 결정이 11월 20일에 있었음')).toBe(false);
  });
});
