import { runnableSteps, type SlurmPlan, type SlurmStep } from '@stagegate/core/slurm/plan';
import type { SchedulerClient, StepOutcome } from '../adapters/slurm/scheduler-client.ts';

export interface AppliedStep {
  step: SlurmStep;
  outcome: StepOutcome;
}

export interface ApplyResult {
  applied: AppliedStep[];
  /** destructive steps left out for want of an opt-in */
  skipped: SlurmStep[];
}

/** Stops at the first refused step: later steps rely on earlier ones (a QOS before its account). */
export class ApplyError extends Error {
  constructor(
    readonly applied: AppliedStep[],
    readonly failed: SlurmStep,
    readonly cause: Error,
  ) {
    super(`step ${applied.length + 1} (${failed.description.en}) failed: ${cause.message}`);
  }
}

/**
 * Runs a plan's runnable steps in order. Applying is idempotent because the plan is a diff: plan
 * again after applying and only the skipped destructive steps remain.
 */
export async function applyPlan(
  client: SchedulerClient,
  plan: SlurmPlan,
  onStep?: (applied: AppliedStep, index: number, total: number) => void,
): Promise<ApplyResult> {
  const steps = runnableSteps(plan);
  const applied: AppliedStep[] = [];
  for (const step of steps) {
    let outcome: StepOutcome;
    try {
      outcome = await client.run(step);
    } catch (e) {
      throw new ApplyError(applied, step, e as Error);
    }
    applied.push({ step, outcome });
    onStep?.({ step, outcome }, applied.length, steps.length);
  }
  return { applied, skipped: plan.steps.filter((s) => s.skipped) };
}
