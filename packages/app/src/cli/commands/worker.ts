import type { CliCommand } from '../command.ts';
import { CliError } from '../command.ts';
import { loadConfig } from '../../config.ts';
import { createContext } from '../../context.ts';
import { startWorker } from '../../jobs/worker.ts';

export const command: CliCommand = {
  usage: `stagegate worker

Runs durable jobs (checkpoint comparisons, suite runs, …) without serving HTTP, next to any number
of \`stagegate serve\` processes on the same PostgreSQL (DATABASE_URL). Each job is taken by exactly
one worker; a worker that stops or dies leaves its job to another once the lease runs out. Stops on
SIGINT or SIGTERM.`,
  async run(_argv, io) {
    const config = loadConfig(process.env);
    // one process per embedded database: `serve` already runs the jobs there
    if (!config.databaseUrl)
      throw new CliError('a separate worker needs PostgreSQL: set DATABASE_URL (on the embedded database, `stagegate serve` runs the jobs itself)');
    const ctx = await createContext(config);
    const worker = startWorker(ctx);
    io.err(`Stagegate worker ${worker.id} on ${ctx.database.description}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await worker.stop();
    await ctx.close();
    return 0;
  },
};
