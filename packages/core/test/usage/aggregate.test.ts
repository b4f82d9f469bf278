import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeUsage } from '../../src/usage/aggregate.ts';
import { gpuSecondsInWindow } from '../../src/usage/gpu-seconds.ts';
import { seoulDay, seoulMidnight } from '../../src/shared/seoul-time.ts';
import { splitBySeoulDay } from '../../src/usage/seoul-day.ts';
import { gpuHours } from '../../src/usage/units.ts';
import type { UsageJob } from '../../src/usage/usage-job.ts';

const H = 3600;
const D0 = seoulMidnight('2026-03-01');
const job = (id: string, account: string, user: string, gpus: number, start: number | null, end: number | null): UsageJob => ({
  jobId: id,
  account,
  user,
  gpus,
  start,
  end,
  elapsedSeconds: start !== null && end !== null ? end - start : 0,
});

describe('usage per account, user and Seoul day', () => {
  const window = { start: D0, end: D0 + 2 * 24 * H };
  const jobs = [
    job('1', 'fm-med', 'kim', 8, D0 + H, D0 + 3 * H), // 16 GPU-h
    job('2', 'fm-med', 'lee', 16, D0 - 2 * H, D0 + H), // 16 GPU-h inside (crosses window start)
    job('3', 'fm-law', 'kim', 4, D0 + 47 * H, D0 + 50 * H), // 4 GPU-h inside (crosses window end)
    job('4', 'fm-law', 'park', 0, D0 + H, D0 + 9 * H), // CPU-only
    job('5', 'fm-law', 'choi', 8, D0 + 60 * H, D0 + 61 * H), // outside
    job('6', 'fm-med', 'kim', 8, null, null), // never started
  ];
  const s = summarizeUsage(jobs, window);

  it('sums GPU-seconds per account and counts only jobs with GPU time in the window', () => {
    expect(s.accounts).toEqual({
      'fm-law': { gpuSeconds: 4 * H, jobs: 1 },
      'fm-med': { gpuSeconds: 32 * H, jobs: 2 },
    });
    expect(s.jobsRead).toBe(6);
  });

  it('17.1 lists the GPU job that never started, with why, and counts it 0', () => {
    expect(s.notCharged).toEqual({
      count: 1,
      byReason: { 'never-started': 1 },
      jobs: [{ jobId: '6', account: 'fm-med', user: 'kim', state: null, gpus: 8, reason: 'never-started' }],
    });
  });

  it('sums per user; a CPU-only or out-of-window user does not appear', () => {
    expect(s.users).toEqual({ kim: { gpuSeconds: 20 * H, jobs: 2 }, lee: { gpuSeconds: 16 * H, jobs: 1 } });
  });

  it('splits a job at Seoul midnight (15:00 UTC) into day rows that sum to its total', () => {
    const start = D0 + 22 * H; // 22:00 KST on 1 March
    const s2 = summarizeUsage([job('9', 'fm-med', 'kim', 2, start, start + 5 * H)], { start: D0, end: D0 + 7 * 24 * H });
    expect(s2.daily).toEqual([
      { account: 'fm-med', user: 'kim', day: '2026-03-01', gpuSeconds: 2 * 2 * H, jobs: 1 },
      { account: 'fm-med', user: 'kim', day: '2026-03-02', gpuSeconds: 2 * 3 * H, jobs: 1 },
    ]);
    expect(new Date((D0 + 24 * H) * 1000).toISOString()).toBe('2026-03-01T15:00:00.000Z');
  });

  it('shows hours only for display, rounded to 4 decimals', () => {
    expect(gpuHours(1)).toBe(0.0003);
    expect(gpuHours(32 * H)).toBe(32);
    expect(gpuHours(5399)).toBe(1.4997);
  });
});

const arbJob = fc
  .record({
    id: fc.integer({ min: 1, max: 1e6 }),
    account: fc.constantFrom('fm-med', 'fm-law', 'fm-fin'),
    user: fc.constantFrom('kim', 'lee', 'park'),
    gpus: fc.constantFrom(0, 1, 2, 8, 16, 64),
    start: fc.integer({ min: D0 - 5 * 86400, max: D0 + 20 * 86400 }),
    length: fc.integer({ min: 0, max: 6 * 86400 }),
    running: fc.boolean(),
  })
  .map((r) => job(String(r.id), r.account, r.user, r.gpus, r.start, r.running ? null : r.start + r.length));

describe('usage arithmetic properties', () => {
  it('adjacent windows add up to their union, and day rows add up to the account totals', () => {
    fc.assert(
      fc.property(fc.array(arbJob, { maxLength: 40 }), fc.integer({ min: 0, max: 15 * 86400 }), (jobs, cut) => {
        const dumpEnd = D0 + 18 * 86400; // when the dump was taken
        const whole = { start: D0, end: D0 + 15 * 86400 };
        const a = summarizeUsage(jobs, { start: D0, end: D0 + cut }, dumpEnd);
        const b = summarizeUsage(jobs, { start: D0 + cut, end: whole.end }, dumpEnd);
        const w = summarizeUsage(jobs, whole, dumpEnd);
        for (const acc of Object.keys(w.accounts)) {
          expect((a.accounts[acc]?.gpuSeconds ?? 0) + (b.accounts[acc]?.gpuSeconds ?? 0)).toBe(w.accounts[acc]!.gpuSeconds);
          const days = w.daily.filter((r) => r.account === acc).reduce((t, r) => t + r.gpuSeconds, 0);
          expect(days).toBe(w.accounts[acc]!.gpuSeconds);
        }
        const total = jobs.reduce((t, j) => t + gpuSecondsInWindow(j, whole, dumpEnd), 0);
        expect(Object.values(w.users).reduce((t, u) => t + u.gpuSeconds, 0)).toBe(total);
        for (const row of w.daily) expect(row.day >= seoulDay(whole.start) && row.day < seoulDay(whole.end)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a day split never puts seconds outside the interval or on the wrong Seoul day', () => {
    fc.assert(
      fc.property(fc.integer({ min: D0, max: D0 + 30 * 86400 }), fc.integer({ min: 1, max: 5 * 86400 }), (start, len) => {
        const parts = splitBySeoulDay(start, start + len, len);
        expect(parts.reduce((t, p) => t + p.seconds, 0)).toBe(len);
        expect(parts[0]!.day).toBe(seoulDay(start));
        expect(parts.at(-1)!.day).toBe(seoulDay(start + len - 1));
      }),
    );
  });
});
