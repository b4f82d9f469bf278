import type { SlurmState } from '@stagegate/core/slurm/state';
import type { SlurmStep } from '@stagegate/core/slurm/plan';

/** A job as the tests and the operator see it: who, under which account, and why it waits. */
export interface SchedulerJob {
  jobId: number;
  user: string;
  account: string;
  qos: string;
  /** PENDING, RUNNING, COMPLETED, CANCELLED … */
  state: string;
  /** why a pending job waits, e.g. QOSGrpGRES; `None` when it runs */
  reason: string;
  gpus: number;
}

export interface StepOutcome {
  /** Slurm answered "Nothing modified/deleted/new added": the cluster already had it */
  unchanged: boolean;
  output: string;
}

/**
 * The one door to the scheduler. The real implementation runs Slurm's tools; the emulator keeps
 * the same state in memory for unit tests. Reconciliation only ever needs these calls.
 */
export interface SchedulerClient {
  /** the clusters the accounting database serves (sacctmgr show cluster) */
  clusters(): Promise<string[]>;
  /** what the cluster holds (all of it; the planner keeps to the managed prefix) */
  readState(): Promise<SlurmState>;
  /** runs one step of a plan; throws SlurmCommandError when Slurm refuses it */
  run(step: SlurmStep): Promise<StepOutcome>;
  /** jobs in the queue (pending and running) */
  queue(): Promise<SchedulerJob[]>;
  /** jobs from the accounting database (sacct), optionally for some accounts only */
  jobs(query?: { accounts?: string[] }): Promise<SchedulerJob[]>;
}

export class SlurmCommandError extends Error {
  constructor(
    readonly argv: readonly string[],
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`${argv.join(' ')} failed${exitCode === null ? '' : ` (exit ${exitCode})`}: ${output.trim() || 'no output'}`);
  }
}

/** Slurm's ways of saying "already so": success for an idempotent reconciler. */
export function isNothingChanged(output: string): boolean {
  return /Nothing (modified|deleted|new added|removed)/i.test(output);
}
