import { SlurmNameError } from '@stagegate/core/slurm/names';
import { planSlurmChanges, runnableSteps, type SlurmPlan, type SlurmStep } from '@stagegate/core/slurm/plan';
import type { SlurmState } from '@stagegate/core/slurm/state';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import type { AppContext } from '../context.ts';
import { ApplyError, applyPlan } from './apply-plan.ts';
import { desiredStateFromDatabase, resolveDesired, type DesiredState } from './desired-state.ts';
import { planDigest, summarizePlan, type PlanSummary } from './plan-digest.ts';
import { openScheduler, type OpenedScheduler } from './scheduler.ts';
import { SlurmSyncError, stalePlanError } from './sync-error.ts';

/**
 * Slurm sync as one service for the CLI, the API and the job queue: plan (desired state from the
 * allocations, actual state from Slurm, the diff and its digest), apply what was previewed (the
 * digest must still match), audit, and read Slurm back.
 */
export interface SyncPlan {
  plan: SlurmPlan;
  digest: string;
  summary: PlanSummary;
  source: DesiredState['source'];
}

/** What a sync runs against: the desired state and an opened scheduler. */
export interface SyncSetup {
  desired: DesiredState;
  scheduler: OpenedScheduler;
  /** the cluster of unplaced pools; else the scheduler's only cluster */
  defaultCluster?: string;
}

export interface AppliedStep {
  step: SlurmStep;
  /** Slurm already had it ("Nothing modified") */
  unchanged: boolean;
}

export interface SyncOutcome {
  digest: string;
  source: DesiredState['source'];
  allowDestructive: boolean;
  applied: AppliedStep[];
  /** runnable steps of the plan */
  total: number;
  /** destructive steps left out for want of the opt-in */
  skipped: number;
  /** the step Slurm refused; the ones before it were applied */
  failed?: { step: SlurmStep; message: string };
  /** runnable steps Slurm still differs in when read back (empty when it matches) */
  left: SlurmStep[];
}

export type OnStep = (applied: AppliedStep, done: number, total: number) => void;

type SyncContext = Pick<AppContext, 'db' | 'config'>;

export interface PlanSyncOptions {
  /** the day whose allocations to enforce (Seoul, YYYY-MM-DD); default today by the database's clock */
  at?: string;
  allowDestructive?: boolean;
  /** instead of the database's allocations (the CLI's --desired FILE) */
  desired?: DesiredState;
  /** instead of the configured scheduler (the CLI's flags, a reconcile loop holding one open) */
  scheduler?: OpenedScheduler;
}

export interface ApplySyncOptions extends PlanSyncOptions {
  /** the digest of the plan the person previewed: anything else is refused as stale */
  digest: string;
  allowDestructive: boolean;
  actor: Actor | null;
  onStep?: OnStep;
  onPlanned?: (plan: SyncPlan) => void;
}

async function setupFor(ctx: SyncContext, opts: PlanSyncOptions): Promise<SyncSetup> {
  const desired = opts.desired ?? (await desiredStateFromDatabase(ctx.db, opts.at));
  return { desired, scheduler: opts.scheduler ?? (await openScheduler(ctx.config.slurm)), defaultCluster: ctx.config.slurm.cluster };
}

/**
 * The desired state on the scheduler's clusters: a pool not placed in the resources inventory runs
 * on the configured cluster, else on the only cluster Slurm's accounting serves; with several and
 * none configured nothing is guessed. A cluster the accounting does not serve is said at planning
 * time, not left for sacctmgr to refuse half-way through an apply.
 */
async function resolveOn(setup: SyncSetup): Promise<SlurmState> {
  let clusters: string[];
  try {
    clusters = await setup.scheduler.client.clusters();
  } catch (e) {
    throw new SlurmSyncError('scheduler_unreachable', `cannot list Slurm's clusters: ${(e as Error).message}`);
  }
  const fallback = setup.defaultCluster ?? (clusters.length === 1 ? clusters[0] : undefined);
  const state = resolveDesired(setup.desired, fallback ?? UNRESOLVED);
  const named = new Set([...state.accounts.map((a) => a.cluster), ...state.users.map((u) => u.cluster)]);
  if (named.has(UNRESOLVED) && fallback === undefined) {
    throw new SlurmSyncError(
      'no_cluster',
      `a pool is not placed on a cluster and Slurm's accounting serves ${clusters.length ? clusters.join(', ') : 'no cluster'}: place every pool on a cluster (resources) or set STAGEGATE_SLURM_CLUSTER`,
    );
  }
  const unknown = [...named].filter((c) => !clusters.includes(c));
  if (unknown.length) {
    throw new SlurmSyncError(
      'no_cluster',
      `Slurm's accounting does not serve cluster ${unknown.join(', ')} (it serves ${clusters.join(', ') || 'none'}): add it with sacctmgr add cluster, or place the pools elsewhere`,
    );
  }
  return state;
}

// stands for "no default cluster" while the state is made; never reaches a command
const UNRESOLVED = 'unresolved';

async function readCluster(scheduler: OpenedScheduler): Promise<SlurmState> {
  try {
    return await scheduler.client.readState();
  } catch (e) {
    if (e instanceof SlurmSyncError) throw e;
    // a refused command or a missing binary: either way the setup must be fixed, not the input
    throw new SlurmSyncError('scheduler_unreachable', `cannot read Slurm's state: ${(e as Error).message}`);
  }
}

function planFor(desired: DesiredState, resolved: SlurmState, actual: SlurmState, allowDestructive: boolean): SyncPlan {
  let plan: SlurmPlan;
  try {
    plan = planSlurmChanges(resolved, actual, { allowDestructive });
  } catch (e) {
    if (e instanceof SlurmNameError) throw new SlurmSyncError('unsafe_name', `refusing to plan: ${e.message}`);
    throw e;
  }
  return { plan, digest: planDigest(plan), summary: summarizePlan(plan), source: desired.source };
}

/** Reads the cluster and plans against a desired state already at hand (no database needed). */
export async function planAgainst(setup: SyncSetup, opts: { allowDestructive?: boolean } = {}): Promise<SyncPlan> {
  const actual = await readCluster(setup.scheduler);
  return planFor(setup.desired, await resolveOn(setup), actual, opts.allowDestructive ?? false);
}

/** The plan for today's (or `at`'s) allocations against the configured Slurm; changes nothing. */
export async function planSync(ctx: SyncContext, opts: PlanSyncOptions = {}): Promise<SyncPlan> {
  return planAgainst(await setupFor(ctx, opts), opts);
}

/**
 * Plans again and applies only when the plan is the one previewed (same digest), then reads Slurm
 * back. Stops at the first step Slurm refuses: later steps rely on earlier ones. Not audited: the
 * caller decides (applySync audits; the CLI's file mode has no database to write to).
 */
export async function applyChecked(
  setup: SyncSetup,
  opts: { digest: string; allowDestructive: boolean; onStep?: OnStep; onPlanned?: (plan: SyncPlan) => void },
): Promise<SyncOutcome> {
  const planned = await planAgainst(setup, opts);
  if (planned.digest !== opts.digest) throw stalePlanError();
  opts.onPlanned?.(planned);
  const applied: AppliedStep[] = [];
  let failed: SyncOutcome['failed'];
  try {
    await applyPlan(setup.scheduler.client, planned.plan, ({ step, outcome }, done, total) => {
      const a = { step, unchanged: outcome.unchanged };
      applied.push(a);
      opts.onStep?.(a, done, total);
    });
  } catch (e) {
    if (!(e instanceof ApplyError)) throw e;
    failed = { step: e.failed, message: e.cause.message };
  } finally {
    await setup.scheduler.save();
  }
  const left = failed ? [] : runnableSteps((await planAgainst(setup, opts)).plan);
  return {
    digest: planned.digest,
    source: planned.source,
    allowDestructive: opts.allowDestructive,
    applied,
    total: planned.summary.runnable,
    skipped: planned.summary.skipped,
    failed,
    left,
  };
}

/** Turns a partial or unconverged outcome into the error every surface reports. */
export function raiseOnFailure(outcome: SyncOutcome): void {
  if (outcome.failed) {
    const n = outcome.applied.length;
    throw new SlurmSyncError(
      'apply_failed',
      `step ${n + 1} (${outcome.failed.step.description.en}) failed: ${outcome.failed.message}\n${n} step(s) were applied before it; plan again to see what is left`,
    );
  }
  if (outcome.left.length) {
    throw new SlurmSyncError(
      'not_converged',
      `applied, but Slurm still differs in ${outcome.left.length} step(s): ${outcome.left.map((s) => s.description.en).join('; ')}`,
    );
  }
}

/**
 * applyChecked on the configured Slurm and today's allocations, with the audit row of what ran
 * (also when Slurm refused a step half-way: the steps before it did change the cluster).
 */
export async function applySync(ctx: SyncContext, opts: ApplySyncOptions): Promise<SyncOutcome> {
  const outcome = await applyChecked(await setupFor(ctx, opts), opts);
  if (outcome.applied.length || outcome.failed) {
    await appendAudit(ctx.db, opts.actor, {
      action: 'slurm.apply',
      objectType: 'slurm',
      objectId: outcome.source.kind === 'database' ? outcome.source.day : outcome.source.name,
      after: {
        digest: outcome.digest,
        source: outcome.source,
        allowDestructive: outcome.allowDestructive,
        applied: outcome.applied.map((a) => ({ kind: a.step.kind, destructive: a.step.destructive, argv: a.step.argv, unchanged: a.unchanged })),
        skipped: outcome.skipped,
        failed: outcome.failed ? { argv: outcome.failed.step.argv, message: outcome.failed.message } : undefined,
        left: outcome.left.length,
      },
    });
  }
  raiseOnFailure(outcome);
  return outcome;
}
