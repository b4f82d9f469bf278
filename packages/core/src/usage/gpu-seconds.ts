import type { UsageJob, UsageWindow } from './usage-job.ts';

/** The part of a job's run that lies inside the window, as a half-open interval of Unix seconds. */
export interface ChargedInterval {
  start: number;
  end: number;
  /** wall seconds charged; may be less than end − start when Slurm's elapsed time is shorter */
  seconds: number;
}

/**
 * Which seconds of a job are charged to a window.
 *
 * - A job that never started is charged nothing.
 * - A running job (no end) runs until `now`, or the window end when no `now` is given.
 * - The charged interval is the job's [start, end) clipped to the window.
 * - A finished job is never charged more than Slurm's elapsed time: elapsed excludes suspended
 *   time, so a suspended job's wall span overstates its use. Elapsed is not trusted for running
 *   jobs because it is a snapshot taken when sacct ran; when it is missing the span is charged.
 */
export function chargedInterval(job: UsageJob, window: UsageWindow, now?: number): ChargedInterval | null {
  if (job.start === null) return null;
  const running = job.end === null;
  const runEnd = running ? (now ?? window.end) : job.end!;
  const start = Math.max(job.start, window.start);
  const end = Math.min(runEnd, window.end);
  if (!(end > start) || !Number.isFinite(end - start)) return null;
  const span = end - start;
  const seconds = running || job.elapsedSeconds === null ? span : Math.min(span, Math.max(0, job.elapsedSeconds));
  return seconds > 0 ? { start, end, seconds } : null;
}

/** GPU-seconds a job used inside the window: allocated GPUs × charged wall seconds (an integer). */
export function gpuSecondsInWindow(job: UsageJob, window: UsageWindow, now?: number): number {
  if (job.gpus <= 0) return 0;
  const charged = chargedInterval(job, window, now);
  return charged ? job.gpus * charged.seconds : 0;
}
