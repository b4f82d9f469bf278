import { describePlan } from '@stagegate/core/slurm/describe-plan';
import { planSlurmChanges, runnableSteps } from '@stagegate/core/slurm/plan';
import { parseFlags } from '../args.ts';
import { CliError, type CliCommand } from '../command.ts';
import { ApplyError, applyPlan } from '../../slurm/apply-plan.ts';
import { clientFlags } from '../../slurm/client-from-options.ts';
import { planAgainstCluster } from '../../slurm/reconcile.ts';

export const command: CliCommand = {
  usage: `Usage: stagegate slurm apply [--desired FILE] [--yes] [--allow-destructive]
                             [--slurm-bin DIR] [--slurm-prefix "ssh head"] [--emulator STATE.json]

Plans like \`stagegate slurm plan\`, prints the plan, and with --yes runs it step by step, stopping
at the first step Slurm refuses. Then it reads Slurm back and checks nothing is left to do.
  --yes                 run the plan (without it nothing changes)
  --allow-destructive   also run removals, which cancel the jobs of removed associations`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      desired: { type: 'string' },
      yes: { type: 'boolean' },
      'allow-destructive': { type: 'boolean' },
      ...clientFlags,
    });
    const { plan, desired, opened } = await planAgainstCluster(values, planSlurmChanges);
    io.out(describePlan(plan));
    if (runnableSteps(plan).length === 0) return 0;
    if (!values.yes) {
      io.out('\nDry run: nothing changed. Run again with --yes to apply.');
      return 0;
    }
    try {
      await applyPlan(opened.client, plan, ({ step, outcome }, i, n) =>
        io.out(`[${i}/${n}] ${outcome.unchanged ? 'already so' : 'done'}: ${step.description.en}`),
      );
    } catch (e) {
      if (e instanceof ApplyError) {
        await opened.save();
        throw new CliError(`${e.message}\n${e.applied.length} step(s) were applied before it; run plan again to see what is left`);
      }
      throw e;
    }
    await opened.save();
    const after = planSlurmChanges(desired, await opened.client.readState(), { allowDestructive: plan.allowDestructive });
    const left = runnableSteps(after);
    if (left.length) {
      throw new CliError(`applied, but Slurm still differs in ${left.length} step(s):\n${describePlan(after)}`);
    }
    io.out('Slurm matches the allocations.');
    return 0;
  },
};
