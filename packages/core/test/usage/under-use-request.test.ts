import { describe, expect, it } from 'vitest';
import { underUseReclaimRequest } from '../../src/usage/under-use-reclaim.ts';
import type { ReclaimProposal } from '../../src/usage/under-use-policy.ts';
import { alloc } from '../allocation/fixtures.ts';

const proposal = (over: Partial<ReclaimProposal> = {}): ReclaimProposal => ({
  kind: 'reclaim',
  reclaimGpuMinutes: 90_000,
  concurrentGpusBefore: 256,
  concurrentGpusAfter: 192,
  reason: { ko: '저사용', en: 'under-use' },
  ...over,
});

describe('the request an under-use proposal files', () => {
  it('takes the proposed GPUs off the running allocation from tomorrow, without minutes when it has no budget', () => {
    expect(underUseReclaimRequest(alloc('x'), proposal(), '2026-06-10')).toEqual({
      kind: 'reclaim',
      allocationId: 'x',
      removeGpus: 64,
      effectiveFrom: '2026-06-11',
    });
  });

  it('takes the minutes too when the allocation has a budget', () => {
    expect(underUseReclaimRequest(alloc('x', { gpuMinutes: 1_000_000 }), proposal(), '2026-06-10')).toEqual({
      kind: 'reclaim',
      allocationId: 'x',
      removeGpus: 64,
      removeGpuMinutes: 90_000,
      effectiveFrom: '2026-06-11',
    });
  });

  it('is the minutes alone when no GPUs are taken, and holds for the whole allocation on its last day', () => {
    const onlyMinutes = proposal({ concurrentGpusBefore: null, concurrentGpusAfter: null });
    expect(underUseReclaimRequest(alloc('x'), onlyMinutes, '2026-09-09')).toEqual({
      kind: 'reclaim',
      allocationId: 'x',
      removeGpus: 0,
      removeGpuMinutes: 90_000,
    });
  });
});
