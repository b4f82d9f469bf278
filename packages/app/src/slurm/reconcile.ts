import type { SlurmPlan, PlanOptions } from '@stagegate/core/slurm/plan';
import type { SlurmState } from '@stagegate/core/slurm/state';
import { SlurmNameError } from '@stagegate/core/slurm/names';
import { CliError } from '../cli/command.ts';
import { openSchedulerClient, type OpenedClient } from './client-from-options.ts';
import { loadDesiredState } from './desired-state-source.ts';

export interface ReconcileFlags {
  desired?: string;
  'allow-destructive'?: boolean;
  emulator?: string;
  'slurm-bin'?: string;
  'slurm-prefix'?: string;
}

/** Loads the desired state, reads the cluster and plans: the shared first half of plan and apply. */
export async function planAgainstCluster(
  flags: ReconcileFlags,
  plan: (desired: SlurmState, actual: SlurmState, options: PlanOptions) => SlurmPlan,
): Promise<{ plan: SlurmPlan; desired: SlurmState; opened: OpenedClient }> {
  const desired = await loadDesiredState({ file: flags.desired });
  const opened = await openSchedulerClient({ emulator: flags.emulator, slurmBin: flags['slurm-bin'], slurmPrefix: flags['slurm-prefix'] });
  let actual: SlurmState;
  try {
    actual = await opened.client.readState();
  } catch (e) {
    // a refused command or a missing binary: either way the operator must fix the setup
    throw new CliError(`cannot read Slurm's state: ${(e as Error).message}`);
  }
  try {
    return { plan: plan(desired, actual, { allowDestructive: flags['allow-destructive'] ?? false }), desired, opened };
  } catch (e) {
    if (e instanceof SlurmNameError) throw new CliError(`refusing to plan: ${e.message}`);
    throw e;
  }
}
