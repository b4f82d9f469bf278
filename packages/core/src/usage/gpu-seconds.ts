import { jobPhase } from './job-state.ts';
import type { UsageJob, UsageWindow } from './usage-job.ts';

/** The part of a job's run that lies inside the window, as a half-open interval of Unix seconds. */
export interface ChargedInterval {
  start: number;
  end: number;
  /** wall seconds charged; may be less than end − start when Slurm's elapsed time is shorter */
  seconds: number;
}

/** Why a job with GPUs was charged nothing although it may have held them. */
export type NotChargedReason =
  /** start 0 or null, or a pending state: it never held GPUs */
  | 'never-started'
  /** a finished state with neither an end nor an elapsed time: nothing says how long it ran */
  | 'finished-without-duration'
  /** still running, and neither the window nor the file says up to when it is charged */
  | 'running-without-dump-end';

export type JobCharge = { interval: ChargedInterval | null } | { interval: null; reason: NotChargedReason };

/**
 * Which seconds of a job are charged to a window. The answer depends on the file and the window
 * only — never on the clock of whoever reads it — so the same file gives the same totals any day.
 *
 * - A job that never started (no start, or a pending state) is charged nothing, with that reason.
 * - A finished job (COMPLETED, FAILED, NODE_FAIL, …) is charged by Slurm's own elapsed time:
 *   [start, end) clipped to the window, never more than elapsed (which excludes suspended time);
 *   when Slurm left its end at 0 (a NODE_FAIL often does), it ran [start, start + elapsed).
 * - A running job runs to the dump's end: `dumpEnd` when the caller knows when the dump was taken
 *   (it ran sacct itself), else the window end; with neither, start + elapsed — sacct computes a
 *   running job's elapsed when it writes the file, so that is the file's own "now".
 */
export function chargeJob(job: UsageJob, window: UsageWindow, dumpEnd?: number): JobCharge {
  const phase = jobPhase(job.state ?? null);
  if (job.start === null || phase === 'pending') return { interval: null, reason: 'never-started' };
  const elapsed = job.elapsedSeconds === null ? null : Math.max(0, job.elapsedSeconds);
  let runEnd: number;
  let cap: number | null = null;
  if (job.end !== null) {
    runEnd = job.end;
    cap = elapsed;
  } else if (phase === 'finished') {
    if (elapsed === null) return { interval: null, reason: 'finished-without-duration' };
    runEnd = job.start + elapsed;
  } else {
    const known = dumpEnd ?? (Number.isFinite(window.end) ? window.end : null);
    if (known !== null) runEnd = Math.min(known, window.end);
    else if (elapsed !== null) runEnd = job.start + elapsed;
    else return { interval: null, reason: 'running-without-dump-end' };
  }
  const start = Math.max(job.start, window.start);
  const end = Math.min(runEnd, window.end);
  if (!(end > start) || !Number.isFinite(end - start)) return { interval: null };
  const span = end - start;
  const seconds = cap === null ? span : Math.min(span, cap);
  return { interval: seconds > 0 ? { start, end, seconds } : null };
}

/** The charged part of a job inside the window, or null (see chargeJob for the reasons). */
export function chargedInterval(job: UsageJob, window: UsageWindow, dumpEnd?: number): ChargedInterval | null {
  return chargeJob(job, window, dumpEnd).interval;
}

/** GPU-seconds a job used inside the window: allocated GPUs × charged wall seconds (an integer). */
export function gpuSecondsInWindow(job: UsageJob, window: UsageWindow, dumpEnd?: number): number {
  if (job.gpus <= 0) return 0;
  const charged = chargedInterval(job, window, dumpEnd);
  return charged ? job.gpus * charged.seconds : 0;
}
