import { createHash } from 'node:crypto';
import type { SlurmPlan } from '@stagegate/core/slurm/plan';

/**
 * SHA-256 over what a plan would run: each step's kind, destructive and skipped flags and argv, in
 * order. Descriptions are left out (they are derived from the same values and may be reworded);
 * the opt-in is in (skipped), so a preview without removals never authorises one with them.
 */
export function planDigest(plan: SlurmPlan): string {
  const canonical = JSON.stringify(plan.steps.map((s) => [s.kind, s.destructive, s.skipped, s.argv]));
  return createHash('sha256').update(canonical).digest('hex');
}

export interface PlanSummary {
  create: number;
  modify: number;
  remove: number;
  destructive: number;
  /** destructive steps waiting for the opt-in */
  skipped: number;
  /** steps that would run */
  runnable: number;
}

export function summarizePlan(plan: SlurmPlan): PlanSummary {
  const count = (f: (s: SlurmPlan['steps'][number]) => boolean) => plan.steps.filter(f).length;
  return {
    create: count((s) => s.kind === 'create'),
    modify: count((s) => s.kind === 'modify'),
    remove: count((s) => s.kind === 'remove'),
    destructive: count((s) => s.destructive),
    skipped: count((s) => s.skipped),
    runnable: count((s) => !s.skipped),
  };
}
