import type { CliCommand } from '../command.ts';
import { CliError } from '../command.ts';
import { parseFlags } from '../args.ts';
import { withAppContext } from '../context.ts';
import { getProgram } from '../../programs/program-rows.ts';
import { poolPlacements } from '../../resources/pool-placement.ts';
import { shortlistStatement } from '@stagegate/core/selection/selection-rounds';

export const command: CliCommand = {
  usage: 'stagegate programs show SLUG [--json]',
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' } }, true);
    const slug = positionals[0];
    if (!slug) throw new CliError('missing the program slug: stagegate programs show SLUG');
    const { row, placed } = await withAppContext('stagegate programs show', async (ctx) => ({
      row: await getProgram(ctx.db, slug),
      placed: await poolPlacements(ctx.db, slug),
    }));
    if (!row) throw new CliError(`unknown program "${slug}"`);
    const d = row.definition;
    // where each pool runs is the resources inventory's (an operator's binding), not the definition's:
    // shown beside it, null when the pool is not placed yet (Slurm sync then uses the default cluster)
    const placements = d.gpuPools.map((p) => {
      const at = placed.get(p.key);
      return {
        pool: p.key,
        placement: at ? { cluster: at.clusterKey, name: at.clusterName, slurmCluster: at.slurmClusterName, partition: at.partitionName } : null,
      };
    });
    if (values.json) {
      io.out(JSON.stringify({ slug: row.slug, revision: row.revision, definition: d, poolPlacements: placements }, null, 2));
      return 0;
    }
    io.out(`${d.name.en} (${d.name.ko}) — ${row.slug}, revision ${row.revision}`);
    io.out(`support: ${d.supportTypes.join(', ')}; ${d.taskCount} tasks; ${d.durationMonths} months`);
    for (const p of d.gpuPools) {
      const at = placed.get(p.key);
      const slurm = at ? `; Slurm cluster ${at.slurmClusterName}, partition ${at.partitionName}` : '; not placed on a Slurm cluster yet';
      io.out(`pool ${p.key}: ${p.gpuCount} × ${p.gpuModel} (${p.gpuCount / p.gpusPerNode} nodes of ${p.gpusPerNode}) at ${p.hostingSite.en}${slurm}`);
    }
    for (const p of d.phases) io.out(`phase ${p.key}: ${p.start} → ${p.end}  ${p.name.en}`);
    for (const c of d.calls) {
      io.out(`call ${c.key}: ${c.opens} → ${c.closes}`);
      for (const r of c.selectionRounds ?? [])
        io.out(`  round ${r.key}: ${r.name.en}, weight ${r.weight}${r.shortlist ? `; ${shortlistStatement(r.shortlist).en}` : ''}`);
    }
    io.out(`selection: ${d.selectionScheme.groups.map((g) => `${g.name.en} ${g.points}`).join(' / ')}`);
    io.out(
      `stage evaluation: ${d.stageEvaluation.components.map((c) => `${c.name.en} ${c.points}`).join(' / ')}; policy ${d.stageEvaluation.decisionPolicy.kind}`,
    );
    return 0;
  },
};
