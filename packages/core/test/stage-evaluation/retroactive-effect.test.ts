import { describe, expect, it } from 'vitest';
import { gpuDaysReturnedLate, lateWindow } from '../../src/stage-evaluation/retroactive-effect.ts';

describe('GPU-days returned late by a retroactive decision', () => {
  it('counts a next-stage allocation removed outright although it ran since the day after the decision (324 days back, 1024 GPUs)', () => {
    // decided 2026-01-15 (the last day of stage 1), applied 2026-12-05; two eliminated teams each held
    // 512 GPUs of stage 2 from 2026-01-16. Late days: 16 Jan .. 4 Dec 2026 = 16 (rest of Jan) + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 4 = 323.
    const stage2 = { gpus: 512, start: '2026-01-16', end: '2026-08-31' };
    const changes = [
      { before: stage2, after: null },
      { before: { ...stage2 }, after: null },
    ];
    // stage 2 ends 31 Aug: 16 Jan .. 31 Aug = 16 + 28 + 31 + 30 + 31 + 30 + 31 + 31 = 228 days held late, each team
    expect(gpuDaysReturnedLate(changes, '2026-01-15', '2026-12-05')).toBe(2 * 512 * 228);
    // with stage 3 also allocated and removed, the whole late window is covered: 323 days × 1024 GPUs
    const stage3 = { gpus: 512, start: '2026-09-01', end: '2027-02-28' };
    const all = [...changes, { before: stage3, after: null }, { before: { ...stage3 }, after: null }];
    expect(gpuDaysReturnedLate(all, '2026-01-15', '2026-12-05')).toBe(1024 * 323);
  });

  it('counts only the cut part of a running allocation shortened to the decision day', () => {
    // 512 GPUs 2025-08-04..2026-01-15 cut to end 2026-01-12, applied 2026-01-20: late days 13, 14, 15 Jan (the allocation ends on the 15th)
    const before = { gpus: 512, start: '2025-08-04', end: '2026-01-15' };
    expect(gpuDaysReturnedLate([{ before, after: { ...before, end: '2026-01-12' } }], '2026-01-12', '2026-01-20')).toBe(512 * 3);
  });

  it('is zero for a decision dated today or yesterday, and for allocations that start only today', () => {
    const span = { gpus: 256, start: '2026-12-05', end: '2027-02-28' };
    expect(gpuDaysReturnedLate([{ before: span, after: null }], '2026-12-05', '2026-12-05')).toBe(0);
    expect(gpuDaysReturnedLate([{ before: span, after: null }], '2026-12-04', '2026-12-05')).toBe(0);
    expect(gpuDaysReturnedLate([{ before: span, after: null }], '2026-11-01', '2026-12-05')).toBe(0);
    expect(lateWindow('2026-12-04', '2026-12-05')).toBeNull();
  });
});
