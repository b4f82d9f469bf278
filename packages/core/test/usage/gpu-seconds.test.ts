import { describe, expect, it } from 'vitest';
import { chargeJob, chargedInterval, gpuSecondsInWindow } from '../../src/usage/gpu-seconds.ts';
import type { UsageJob } from '../../src/usage/usage-job.ts';
import { UNBOUNDED_WINDOW } from '../../src/usage/usage-job.ts';

const T0 = Date.UTC(2026, 0, 1) / 1000; // 2026-01-01T00:00Z
const H = 3600;
const job = (over: Partial<UsageJob>): UsageJob => ({
  jobId: '1',
  account: 'fm-med',
  user: 'kim',
  gpus: 8,
  start: T0,
  end: T0 + 2 * H,
  elapsedSeconds: 2 * H,
  ...over,
});
const window = { start: T0, end: T0 + 24 * H };

describe('GPU-seconds of one job in a window', () => {
  it('charges allocated GPUs × elapsed seconds for a job inside the window', () => {
    expect(gpuSecondsInWindow(job({}), window)).toBe(8 * 2 * H);
  });

  it('charges only the part after the window start for a job that began before it', () => {
    const j = job({ start: T0 - 3 * H, end: T0 + H, elapsedSeconds: 4 * H });
    expect(gpuSecondsInWindow(j, window)).toBe(8 * H);
  });

  it('charges only the part before the window end for a job that ends after it', () => {
    const j = job({ gpus: 4, start: T0 + 23 * H, end: T0 + 26 * H, elapsedSeconds: 3 * H });
    expect(gpuSecondsInWindow(j, window)).toBe(4 * H);
  });

  it('charges the whole window for a job spanning it on both sides', () => {
    const j = job({ gpus: 2, start: T0 - H, end: T0 + 30 * H, elapsedSeconds: 31 * H });
    expect(gpuSecondsInWindow(j, window)).toBe(2 * 24 * H);
  });

  it('treats the window as half-open: a job ending at its start or starting at its end is not charged', () => {
    expect(gpuSecondsInWindow(job({ start: T0 - H, end: T0, elapsedSeconds: H }), window)).toBe(0);
    expect(gpuSecondsInWindow(job({ start: T0 + 24 * H, end: T0 + 25 * H, elapsedSeconds: H }), window)).toBe(0);
  });

  it('runs a running job (no end) to when the dump was taken, else to the window end', () => {
    const running = job({ state: 'RUNNING', start: T0 + 20 * H, end: null, elapsedSeconds: 60 });
    expect(gpuSecondsInWindow(running, window, T0 + 21 * H)).toBe(8 * H);
    expect(gpuSecondsInWindow(running, window)).toBe(8 * 4 * H);
    expect(gpuSecondsInWindow(running, window, T0 + 40 * H)).toBe(8 * 4 * H);
  });

  it('charges nothing for a job that never started or has no GPUs', () => {
    expect(gpuSecondsInWindow(job({ start: null, end: null, elapsedSeconds: 0 }), window)).toBe(0);
    expect(gpuSecondsInWindow(job({ gpus: 0 }), window)).toBe(0);
  });

  it("never charges a finished job more than Slurm's elapsed time (suspended time is free)", () => {
    const suspended = job({ start: T0, end: T0 + 5 * H, elapsedSeconds: 3 * H });
    expect(gpuSecondsInWindow(suspended, window)).toBe(8 * 3 * H);
  });

  it('charges the wall span of a finished job whose elapsed time was not reported', () => {
    expect(gpuSecondsInWindow(job({ start: T0, end: T0 + 5 * H, elapsedSeconds: null }), window)).toBe(8 * 5 * H);
  });

  it('17.1 charges a running job in an unbounded window up to when sacct wrote the file (start + elapsed)', () => {
    expect(chargedInterval(job({ state: 'RUNNING', end: null, elapsedSeconds: 1800 }), UNBOUNDED_WINDOW)).toEqual({ start: T0, end: T0 + 1800, seconds: 1800 });
    expect(chargeJob(job({ state: 'RUNNING', end: null, elapsedSeconds: null }), UNBOUNDED_WINDOW)).toEqual({
      interval: null,
      reason: 'running-without-dump-end',
    });
  });

  it('17.1 charges a finished job whose end Slurm left at 0 by its elapsed time, not up to any clock', () => {
    const nodeFail = job({ gpus: 1, state: 'NODE_FAIL', start: T0 + H, end: null, elapsedSeconds: 20615 });
    expect(chargedInterval(nodeFail, window)).toEqual({ start: T0 + H, end: T0 + H + 20615, seconds: 20615 });
    expect(gpuSecondsInWindow(nodeFail, UNBOUNDED_WINDOW)).toBe(20615);
    for (const state of ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'PREEMPTED', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE']) {
      expect(gpuSecondsInWindow(job({ state, end: null, elapsedSeconds: 600 }), window, T0 + 20 * H)).toBe(8 * 600);
    }
    expect(chargeJob(job({ state: 'FAILED', end: null, elapsedSeconds: null }), window)).toEqual({ interval: null, reason: 'finished-without-duration' });
  });

  it('17.1 charges nothing, with the reason, for a job that never started (start null/0 or pending)', () => {
    expect(chargeJob(job({ state: 'CANCELLED', start: null, end: null, elapsedSeconds: 0 }), window)).toEqual({ interval: null, reason: 'never-started' });
    expect(chargeJob(job({ state: 'PENDING', start: T0 + H, end: null, elapsedSeconds: 0 }), window)).toEqual({ interval: null, reason: 'never-started' });
  });
});
