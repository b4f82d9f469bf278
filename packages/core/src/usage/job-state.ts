/**
 * What a Slurm job state means for charging. Slurm writes the state as one string (21.08–23.02,
 * `state.current: "COMPLETED"`) or as an array of a base state and flags (23.11+,
 * `["CANCELLED", "REQUEUED"]`); the decoder passes the base state (the first entry) here.
 */
export type JobPhase = 'finished' | 'running' | 'pending' | 'unknown';

/** Base states after which the job holds no resources: charged by Slurm's own elapsed time. */
export const FINISHED_STATES: readonly string[] = [
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'NODE_FAIL',
  'PREEMPTED',
  'OUT_OF_MEMORY',
  'BOOT_FAIL',
  'DEADLINE',
];

/** States in which the job holds its allocation (or is about to release it). */
export const RUNNING_STATES: readonly string[] = ['RUNNING', 'SUSPENDED', 'COMPLETING', 'CONFIGURING', 'RESIZING', 'SIGNALING', 'STAGE_OUT', 'STOPPED'];

/** States of a job that has not (yet) run; REQUEUED jobs wait for their next start. */
export const PENDING_STATES: readonly string[] = ['PENDING', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'SPECIAL_EXIT', 'REVOKED'];

export function jobPhase(state: string | null): JobPhase {
  if (state === null) return 'unknown';
  const base = state.toUpperCase();
  if (FINISHED_STATES.includes(base)) return 'finished';
  if (RUNNING_STATES.includes(base)) return 'running';
  if (PENDING_STATES.includes(base)) return 'pending';
  return 'unknown';
}
