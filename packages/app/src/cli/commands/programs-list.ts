import type { CliCommand } from '../command.ts';
import { parseFlags } from '../args.ts';
import { withAppContext } from '../context.ts';
import { listPrograms } from '../../programs/program-rows.ts';
import { programSummary } from '../../programs/program-summary.ts';

export const command: CliCommand = {
  usage: 'stagegate programs list [--json]',
  async run(argv, io) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } });
    const rows = await withAppContext('stagegate programs list', (ctx) => listPrograms(ctx.db));
    if (values.json) {
      io.out(JSON.stringify({ programs: rows.map(programSummary) }, null, 2));
    } else {
      for (const r of rows) {
        const pools = r.definition.gpuPools.map((p) => `${p.gpuCount} × ${p.gpuModel}`).join(', ') || 'no GPU pool';
        io.out(`${r.slug.padEnd(18)} ${r.definition.name.en}  [${pools}]  rev ${r.revision}`);
      }
    }
    return 0;
  },
};
