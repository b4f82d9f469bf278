/**
 * One top-level Slurm job as usage accounting sees it, already decoded from whatever `sacct --json`
 * version produced it. Times are Unix seconds (UTC). Job steps never appear here: a job's GPUs are
 * charged once, for the allocation, exactly as `sacct -X` reports it.
 */
export interface UsageJob {
  jobId: string;
  account: string;
  user: string;
  /** GPUs allocated to the whole job (the `gres/gpu` TRES), 0 for CPU-only jobs */
  gpus: number;
  /** GPUs the job asked for (`tres.requested`); a pending job has no allocation yet */
  requestedGpus?: number;
  /** Slurm's base state (`COMPLETED`, `RUNNING`, …); null when the file does not say */
  state?: string | null;
  /** Unix seconds; null when the job never started (pending, cancelled before start) */
  start: number | null;
  /** Unix seconds; null while the job is still running (or when Slurm did not record it) */
  end: number | null;
  /** Slurm's elapsed wall time in seconds (excludes suspended time); null when not reported */
  elapsedSeconds: number | null;
}

/**
 * A half-open accounting window [start, end) in Unix seconds. Either side may be infinite
 * (a summary of a whole file).
 */
export interface UsageWindow {
  start: number;
  end: number;
}

export const UNBOUNDED_WINDOW: UsageWindow = { start: -Infinity, end: Infinity };
