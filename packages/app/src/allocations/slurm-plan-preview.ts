import { desiredStateFrom } from '@stagegate/core/slurm/desired-state';
import { planSlurmChanges } from '@stagegate/core/slurm/plan';
import { describePlan } from '@stagegate/core/slurm/describe-plan';
import type { Db, Tx } from '../db/connect.ts';
import { UNPLACED_CLUSTER, enforcementFromDatabase, type EnforcementInputs } from './slurm-limits-source.ts';

/**
 * The Slurm steps a change would cause: the program's desired state on `day` from the database,
 * without and with the change (`assuming` rewrites the inputs, nothing is written), and the plan
 * between them in Korean and English.
 */
export async function slurmPlanFor(
  db: Db | Tx,
  programSlug: string,
  day: string | undefined,
  assuming: (inputs: EnforcementInputs) => EnforcementInputs,
): Promise<{ ko: string[]; en: string[] }> {
  const mine = (r: Awaited<ReturnType<typeof enforcementFromDatabase>>) => r.tasks.filter((t) => t.programSlug === programSlug);
  const was = desiredStateFrom(mine(await enforcementFromDatabase(db, day)), { defaultCluster: UNPLACED_CLUSTER });
  const will = desiredStateFrom(mine(await enforcementFromDatabase(db, day, assuming)), { defaultCluster: UNPLACED_CLUSTER });
  if (!was.ok || !will.ok) {
    const issues = [...(was.ok ? [] : was.issues), ...(will.ok ? [] : will.issues)];
    return { ko: issues.map((i) => i.message.ko), en: issues.map((i) => i.message.en) };
  }
  const plan = planSlurmChanges(will.state, was.state);
  return { ko: describePlan(plan, 'ko').split('\n'), en: describePlan(plan, 'en').split('\n') };
}
