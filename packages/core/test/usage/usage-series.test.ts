import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Allocation } from '../../src/allocation/allocation.ts';
import type { Phase } from '../../src/program/definition.ts';
import { phaseAt } from '../../src/program/phase-at.ts';
import { seoulMidnight } from '../../src/shared/seoul-time.ts';
import type { UsageSummary } from '../../src/usage/aggregate.ts';
import { coveredDays } from '../../src/usage/covered-days.ts';
import { lastCountedDay, phaseSeconds, usageSeries } from '../../src/usage/usage-series.ts';

const phase = (key: string, start: string, end: string): Phase => ({ key, name: { ko: key, en: key }, start, end });
const p1 = phase('phase-1', '2026-04-01', '2026-04-10');
const p2 = phase('phase-2', '2026-05-01', '2026-05-31');
const DAY = 86_400;
const HOUR = 3_600;

const allocation = (over: Partial<Allocation> = {}): Allocation => ({
  id: 'a',
  taskId: 't',
  taskKey: 'sfm-t',
  poolKey: 'b200-pool',
  phaseKey: 'phase-1',
  gpus: 8,
  gpuMinutes: null,
  start: p1.start,
  end: p1.end,
  ...over,
});

describe('the phase a day falls in', () => {
  it('is the phase holding the day, else the last one begun before it, else the first', () => {
    expect(phaseAt([p1, p2], '2026-04-05').key).toBe('phase-1');
    expect(phaseAt([p1, p2], '2026-04-20').key).toBe('phase-1');
    expect(phaseAt([p1, p2], '2026-05-31').key).toBe('phase-2');
    expect(phaseAt([p1, p2], '2026-07-01').key).toBe('phase-2');
    expect(phaseAt([p1, p2], '2026-01-01').key).toBe('phase-1');
  });
});

describe('the last day whose use counts', () => {
  it('is none before the phase, the day holding the instant inside it, and the phase’s last day after it (Seoul days)', () => {
    const { phaseStart, phaseEnd } = phaseSeconds(p1);
    expect(phaseStart).toBe(seoulMidnight('2026-04-01'));
    expect(phaseEnd - phaseStart).toBe(10 * DAY);
    expect(lastCountedDay(p1, phaseStart)).toBeNull();
    expect(lastCountedDay(p1, phaseStart + 1)).toBe('2026-04-01');
    expect(lastCountedDay(p1, phaseStart + DAY)).toBe('2026-04-01');
    expect(lastCountedDay(p1, phaseStart + DAY + 1)).toBe('2026-04-02');
    expect(lastCountedDay(p1, phaseEnd + 30 * DAY)).toBe('2026-04-10');
  });
});

describe('a task’s usage chart over a phase', () => {
  it('carries used to the counted day, entitlement to the phase end, and the forecast from the counted day', () => {
    const asOf = seoulMidnight('2026-04-03') + 12 * HOUR; // 3 April, noon: 1 and 2 April done, 3 April counts so far
    const use = new Map([
      ['2026-04-01', 8 * DAY],
      ['2026-04-02', 4 * DAY],
      ['2026-04-03', 2 * DAY],
    ]);
    const points = usageSeries('t', p1, [allocation(), allocation({ id: 'other', taskId: 'u' })], use, asOf, 100 * DAY);
    expect(points).toHaveLength(10);
    expect(points.map((p) => p.day)).toEqual(Array.from({ length: 10 }, (_, i) => `2026-04-${String(i + 1).padStart(2, '0')}`));
    // 8 GPUs a day, the other task's allocation not counted
    expect(points.map((p) => p.entitled)).toEqual(Array.from({ length: 10 }, (_, i) => 8 * 24 * (i + 1)));
    expect(points.map((p) => p.used)).toEqual([192, 288, 336, null, null, null, null, null, null, null]);
    expect(points.slice(0, 2).map((p) => p.forecast)).toEqual([null, null]);
    // from the counted day's use (14 GPU-days) to the projection (100) at the phase end, in a line
    expect(points[2]!.forecast).toBe(336);
    expect(points[9]!.forecast).toBe(2400);
  });

  it('never counts used down, and never shows use after the counted day', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 8 * DAY }), { minLength: 10, maxLength: 10 }), fc.integer({ min: -DAY, max: 12 * DAY }), (daily, at) => {
        const asOf = phaseSeconds(p1).phaseStart + at;
        const use = new Map(daily.map((s, i) => [`2026-04-${String(i + 1).padStart(2, '0')}`, s]));
        const cut = lastCountedDay(p1, asOf);
        const points = usageSeries('t', p1, [allocation()], use, asOf, 0);
        let last = 0;
        for (const p of points) {
          expect(p.used === null).toBe(cut === null || p.day > cut);
          if (p.used !== null) {
            expect(p.used).toBeGreaterThanOrEqual(last);
            last = p.used;
          }
        }
      }),
      { numRuns: 100, seed: 20260403 },
    );
  });
});

describe('the days a usage import speaks for', () => {
  const summary = (window: { start: number; end: number }, days: string[]): UsageSummary => ({
    window,
    accounts: {},
    users: {},
    daily: days.map((day) => ({ account: 'a', user: 'u', day, gpuSeconds: 1, jobs: 1 })),
    jobsRead: days.length,
    notCharged: { count: 0, byReason: {}, jobs: [] },
  });

  it('is every day of a window, whatever the data holds', () => {
    const window = { start: seoulMidnight('2026-04-01'), end: seoulMidnight('2026-04-08') };
    expect(coveredDays(summary(window, []))).toEqual({ firstDay: '2026-04-01', lastDay: '2026-04-07' });
  });

  it('without a window, the first to the last day with GPU use, or none', () => {
    const open = { start: -Infinity, end: Infinity };
    expect(coveredDays(summary(open, ['2026-04-05', '2026-04-02', '2026-04-09']))).toEqual({ firstDay: '2026-04-02', lastDay: '2026-04-09' });
    expect(coveredDays(summary(open, []))).toBeNull();
    expect(coveredDays(summary({ start: seoulMidnight('2026-04-01'), end: Infinity }, ['2026-04-05']))).toEqual({
      firstDay: '2026-04-01',
      lastDay: '2026-04-05',
    });
  });
});
