/**
 * What Slurm holds for Stagegate, in one shape for both sides of a reconciliation: the desired
 * state derived from allocations, and the actual state read back from the cluster (filtered to the
 * managed prefix). GPU quantities are integers: GPUs and GPU-minutes (Slurm's TRESMins unit).
 */

/** The flags a budget QOS needs: usage never decays, and a job over a limit is refused, not queued. */
export const BUDGET_QOS_FLAGS = ['DenyOnLimit', 'NoDecay'] as const;
export type ManagedQosFlag = (typeof BUDGET_QOS_FLAGS)[number];

export interface SlurmQos {
  name: string;
  /** GrpTRES=gres/gpu=N: GPUs the task's jobs may hold at once; null = no limit */
  gpus: number | null;
  /** GrpTRESMins=gres/gpu=M: the GPU-minute budget; null = none */
  gpuMinutes: number | null;
  /** GrpSubmitJobs=0: new submissions refused, running jobs untouched */
  blocked: boolean;
  /** of the flags Stagegate manages, those set (sorted); other flags are left alone */
  flags: ManagedQosFlag[];
  /**
   * The phase whose budget this QOS holds, for the plan's words only (Slurm does not keep it, so
   * it is never compared): the name carries the phase, which is what keeps phases apart.
   */
  phase?: string;
}

/**
 * An account's association on one cluster. QOS live in slurmdbd for every cluster it serves, but
 * accounts and users are associations of a cluster: the same account on two clusters is two rows.
 */
export interface SlurmAccount {
  name: string;
  /** the cluster the association belongs to (sacctmgr's `cluster=`) */
  cluster: string;
  /** parent account; `root` for a program's account */
  parent: string;
  /** the QOS list of the account's association; null = not managed (inherited) */
  qos: string[] | null;
  defaultQos: string | null;
}

/** A user's association with an account (the user's jobs may run under that account). */
export interface SlurmUserAssociation {
  user: string;
  account: string;
  cluster: string;
  /** the partition the user may run in under this account; null = any partition of the cluster */
  partition: string | null;
  /** effective QOS list (Slurm shows inherited values); null = not managed */
  qos: string[] | null;
  defaultQos: string | null;
}

export interface SlurmState {
  qos: SlurmQos[];
  accounts: SlurmAccount[];
  users: SlurmUserAssociation[];
}

export const emptySlurmState = (): SlurmState => ({ qos: [], accounts: [], users: [] });

/** One account association: the same name on another cluster is another association. */
export const accountKey = (a: { name: string; cluster: string }) => `${a.cluster}/${a.name}`;

export const associationKey = (a: { user: string; account: string; cluster: string; partition: string | null }) =>
  `${a.cluster}/${a.user}@${a.account}${a.partition === null ? '' : `:${a.partition}`}`;
