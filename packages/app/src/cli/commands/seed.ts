import type { CliCommand } from '../command.ts';
import { parseFlags } from '../args.ts';
import { withAppContext } from '../context.ts';
import { seed } from '../../seed/seed.ts';

export const command: CliCommand = {
  usage: 'stagegate seed [--no-demo] [--json]\n\nIdempotent: programs whose seed version is already loaded are left alone.',
  async run(argv, io) {
    const { values } = parseFlags(argv, { 'no-demo': { type: 'boolean' }, json: { type: 'boolean' } });
    const report = await withAppContext('stagegate seed', (ctx) => ctx.database.exclusive(() => seed(ctx, { demo: !values['no-demo'] })), {
      seedPrograms: false,
      auth: !values['no-demo'], // demo accounts sign up through better-auth
    });
    io.out(values.json ? JSON.stringify(report) : report.programs.map((p) => `${p.slug}: ${p.status}`).join('\n') + `\ndemo accounts: ${report.accounts}`);
    return 0;
  },
};
