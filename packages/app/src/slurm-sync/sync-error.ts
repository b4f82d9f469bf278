/**
 * Why a Slurm sync could not plan or apply. Each surface turns it into its own answer: the API
 * into a status (`httpStatus`) naming the field, the CLI into a message and exit code 2.
 */
export type SlurmSyncErrorCode =
  /** a desired-state file that does not hold tasks as expected */
  | 'invalid_desired'
  /** the database holds no allocation on the day: an empty desired state would remove every managed account */
  | 'nothing_to_enforce'
  /** a name the planner refuses to hand to sacctmgr */
  | 'unsafe_name'
  /** the plan differs from the one previewed (its digest): the cluster or the allocations changed meanwhile */
  | 'stale_plan'
  /** another apply is queued or running: one at a time, so each applies the plan it was previewed with */
  | 'apply_in_progress'
  /** a pool is not placed on a cluster and the scheduler serves several: nothing is guessed */
  | 'no_cluster'
  /** Slurm's state could not be read (tools missing, refused, emulator file unreadable) */
  | 'scheduler_unreachable'
  /** Slurm refused a step; the steps before it were applied */
  | 'apply_failed'
  /** applied, yet reading Slurm back still shows differences */
  | 'not_converged';

const statusOf: Record<SlurmSyncErrorCode, number> = {
  invalid_desired: 422,
  nothing_to_enforce: 409,
  unsafe_name: 422,
  stale_plan: 409,
  apply_in_progress: 409,
  no_cluster: 409,
  scheduler_unreachable: 502,
  apply_failed: 502,
  not_converged: 502,
};

export class SlurmSyncError extends Error {
  constructor(
    readonly code: SlurmSyncErrorCode,
    message: string,
    /** the input it is about (`digest`, `tasks.2.taskKey`, `at`), when there is one */
    readonly field?: string,
  ) {
    super(message);
  }

  get httpStatus(): number {
    return statusOf[this.code];
  }
}

export const stalePlanError = () =>
  new SlurmSyncError('stale_plan', 'the plan differs from the one previewed (Slurm or the allocations changed meanwhile); preview it again', 'digest');
