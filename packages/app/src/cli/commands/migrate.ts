import type { CliCommand } from '../command.ts';
import { withAppContext } from '../context.ts';

export const command: CliCommand = {
  usage: 'stagegate migrate\n\nApplies the committed SQL migrations to $DATABASE_URL or the PGlite folder $STAGEGATE_DATA.',
  async run(_argv, io) {
    await withAppContext('stagegate migrate', async (ctx) => io.out(`migrated ${ctx.database.description}`), { seedPrograms: false });
    return 0;
  },
};
