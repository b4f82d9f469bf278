import { describePlan } from '@stagegate/core/slurm/describe-plan';
import { isPlanEmpty } from '@stagegate/core/slurm/plan';
import { parseFlags } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { slurmSyncFlags, withSlurmSync } from '../slurm-sync-input.ts';
import { planAgainst } from '../../slurm-sync/sync-service.ts';

export const command: CliCommand = {
  usage: `Usage: stagegate slurm plan [--desired FILE] [--json] [--allow-destructive]
                            [--slurm-bin DIR] [--slurm-prefix "ssh head"] [--emulator STATE.json]
                            [--cluster NAME]

Reads Slurm's accounts, QOS and associations under the sg- prefix, compares them with the desired
state and prints the steps that would make them match, each with its exact command.
  --desired FILE        instead of today's allocations in the database:
                        {"tasks":[{"programSlug","taskKey","gpus","gpuMinutes"?,"blocked"?,"members":[...],
                                   "phaseKey"?,"placements"?:[{"cluster"?,"partition"?}]}]}
                        (a phaseKey gives the task a QOS of that phase: a new phase, a new budget)
  --json                print {"allowDestructive","empty","steps":[{"kind","destructive","skipped","description","argv"}],"digest"}
                        (digest: SHA-256 of the steps, the one the API's apply asks for)
  --allow-destructive   plan removals as runnable (they are listed as skipped otherwise)
  --slurm-bin DIR       folder of sacctmgr/scancel (default $STAGEGATE_SLURM_BIN_DIR, else PATH)
  --slurm-prefix WORDS  run each command behind e.g. "sudo" or "ssh head" ($STAGEGATE_SLURM_PREFIX)
  --emulator FILE       plan against an emulated cluster kept in FILE instead of a real one
                        ($STAGEGATE_SLURM_EMULATOR)
  --cluster NAME        the Slurm cluster of pools not placed on one ($STAGEGATE_SLURM_CLUSTER;
                        default: the only cluster Slurm's accounting serves)`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...slurmSyncFlags, json: { type: 'boolean' } });
    const { plan, digest } = await withSlurmSync('slurm plan', values, (setup) => planAgainst(setup, { allowDestructive: values['allow-destructive'] }));
    if (values.json) {
      io.out(JSON.stringify({ allowDestructive: plan.allowDestructive, empty: isPlanEmpty(plan), steps: plan.steps, digest }, null, 2));
    } else {
      io.out(describePlan(plan));
    }
    return 0;
  },
};
