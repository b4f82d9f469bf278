import { describePlan } from '@stagegate/core/slurm/describe-plan';
import { parseFlags } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { slurmSyncFlags, withSlurmSync } from '../slurm-sync-input.ts';
import { applyChecked, applySync, planAgainst, raiseOnFailure, type OnStep } from '../../slurm-sync/sync-service.ts';

export const command: CliCommand = {
  usage: `Usage: stagegate slurm apply [--desired FILE] [--yes] [--allow-destructive]
                             [--slurm-bin DIR] [--slurm-prefix "ssh head"] [--emulator STATE.json]
                             [--cluster NAME]

Plans like \`stagegate slurm plan\`, prints the plan, and with --yes runs exactly that plan (refused
if Slurm changed after it was printed) step by step, stopping at the first step Slurm refuses. Then
it reads Slurm back and checks nothing is left to do. From the database the run is written to the
audit log; with --desired FILE the database is not opened.
  --yes                 run the plan (without it nothing changes)
  --allow-destructive   also run removals, which cancel the jobs of removed associations`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...slurmSyncFlags, yes: { type: 'boolean' } });
    const allowDestructive = values['allow-destructive'] ?? false;
    const onStep: OnStep = ({ step, unchanged }, i, n) => io.out(`[${i}/${n}] ${unchanged ? 'already so' : 'done'}: ${step.description.en}`);
    return withSlurmSync('slurm apply', values, async (setup, ctx) => {
      const planned = await planAgainst(setup, { allowDestructive });
      io.out(describePlan(planned.plan));
      if (planned.summary.runnable === 0) return 0;
      if (!values.yes) {
        io.out('\nDry run: nothing changed. Run again with --yes to apply.');
        return 0;
      }
      const run = { digest: planned.digest, allowDestructive, onStep };
      if (ctx) await applySync(ctx, { ...run, actor: null, desired: setup.desired, scheduler: setup.scheduler });
      else raiseOnFailure(await applyChecked(setup, run));
      io.out('Slurm matches the allocations.');
      return 0;
    });
  },
};
