import { loadConfig } from '../config.ts';
import { createContext, type AppContext } from '../context.ts';
import { lockDataDir } from '../db/data-dir-lock.ts';
import { seedProgramsOnFirstUse } from '../seed/programs-on-first-use.ts';
import { CliError } from './command.ts';

/**
 * Opens the configured database (migrating it, seeding the programs on first use unless the command
 * is `migrate` or `seed` itself) for one CLI command, and always closes it. Without `auth: true` the
 * command gets no sign-in service: none signs anyone in, and loading better-auth costs every run.
 */
export async function withAppContext<T>(
  purpose: string,
  fn: (ctx: AppContext) => Promise<T>,
  opts: { seedPrograms?: boolean; auth?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  let unlock: (() => Promise<void>) | undefined;
  if (!config.databaseUrl) {
    try {
      unlock = await lockDataDir(config.dataDir, purpose);
    } catch (e) {
      throw new CliError((e as Error).message);
    }
  }
  const ctx = await createContext(config, { auth: opts.auth === true, oneShot: true });
  try {
    if (opts.seedPrograms !== false) await seedProgramsOnFirstUse(ctx);
    return await fn(ctx);
  } finally {
    await ctx.close();
    await unlock?.();
  }
}
