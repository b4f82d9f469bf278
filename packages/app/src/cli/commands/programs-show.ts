import type { CliCommand } from '../command.ts';
import { CliError } from '../command.ts';
import { parseFlags } from '../args.ts';
import { withAppContext } from '../context.ts';
import { getProgram } from '../../programs/program-store.ts';
import { shortlistStatement } from '@stagegate/core/selection/selection-rounds';

export const command: CliCommand = {
  usage: 'stagegate programs show SLUG [--json]',
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' } }, true);
    const slug = positionals[0];
    if (!slug) throw new CliError('missing the program slug: stagegate programs show SLUG');
    const row = await withAppContext('stagegate programs show', (ctx) => getProgram(ctx.db, slug));
    if (!row) throw new CliError(`unknown program "${slug}"`);
    const d = row.definition;
    if (values.json) {
      io.out(JSON.stringify({ slug: row.slug, revision: row.revision, definition: d }, null, 2));
      return 0;
    }
    io.out(`${d.name.en} (${d.name.ko}) — ${row.slug}, revision ${row.revision}`);
    io.out(`support: ${d.supportTypes.join(', ')}; ${d.taskCount} tasks; ${d.durationMonths} months`);
    for (const p of d.gpuPools) io.out(`pool ${p.key}: ${p.gpuCount} × ${p.gpuModel} (${p.gpuCount / p.gpusPerNode} nodes of ${p.gpusPerNode}) at ${p.hostingSite.en}`);
    for (const p of d.phases) io.out(`phase ${p.key}: ${p.start} → ${p.end}  ${p.name.en}`);
    for (const c of d.calls) {
      io.out(`call ${c.key}: ${c.opens} → ${c.closes}`);
      for (const r of c.selectionRounds ?? []) io.out(`  round ${r.key}: ${r.name.en}, weight ${r.weight}${r.shortlist ? `; ${shortlistStatement(r.shortlist).en}` : ''}`);
    }
    io.out(`selection: ${d.selectionScheme.groups.map((g) => `${g.name.en} ${g.points}`).join(' / ')}`);
    io.out(`stage evaluation: ${d.stageEvaluation.components.map((c) => `${c.name.en} ${c.points}`).join(' / ')}; policy ${d.stageEvaluation.decisionPolicy.kind}`);
    return 0;
  },
};
