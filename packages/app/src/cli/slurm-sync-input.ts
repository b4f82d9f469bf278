import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../context.ts';
import { loadConfig } from '../config.ts';
import { desiredStateFromDatabase, desiredStateFromFile, type DesiredState } from '../slurm-sync/desired-state.ts';
import { openScheduler } from '../slurm-sync/scheduler.ts';
import { schedulerSettingsFrom, splitPrefix } from '../slurm-sync/scheduler-settings.ts';
import type { SyncSetup } from '../slurm-sync/sync-service.ts';
import { SlurmSyncError } from '../slurm-sync/sync-error.ts';
import { CliError } from './command.ts';
import { withAppContext } from './context.ts';
import { readJsonFile } from './files.ts';

/** The flags `slurm plan` and `slurm apply` share. */
export const slurmSyncFlags = {
  desired: { type: 'string' },
  'allow-destructive': { type: 'boolean' },
  emulator: { type: 'string' },
  'slurm-bin': { type: 'string' },
  'slurm-prefix': { type: 'string' },
  cluster: { type: 'string' },
} as const;

export interface SlurmSyncFlagValues {
  desired?: string;
  'allow-destructive'?: boolean;
  emulator?: string;
  'slurm-bin'?: string;
  'slurm-prefix'?: string;
  cluster?: string;
}

/**
 * Opens the scheduler (flags over $STAGEGATE_SLURM_*) and the desired state: from --desired FILE
 * without touching the database (ctx is null then), else today's allocations in the database,
 * which stays open (and locked) while `fn` runs.
 */
export async function withSlurmSync<T>(purpose: string, flags: SlurmSyncFlagValues, fn: (setup: SyncSetup, ctx: AppContext | null) => Promise<T>): Promise<T> {
  return asCliError(async () => {
    const env = schedulerSettingsFrom(process.env);
    // the cluster of pools not placed on one; without it, the scheduler's only cluster
    const defaultCluster = flags.cluster ?? env.cluster;
    const scheduler = await openScheduler({
      emulator: flags.emulator ?? env.emulator,
      binDir: flags['slurm-bin'] ?? env.binDir,
      prefix: flags['slurm-prefix'] !== undefined ? splitPrefix(flags['slurm-prefix']) : env.prefix,
      cluster: defaultCluster,
    });
    if (flags.desired) {
      const desired: DesiredState = desiredStateFromFile(await readJsonFile(flags.desired), flags.desired);
      return fn({ desired, scheduler, defaultCluster }, null);
    }
    const config = loadConfig();
    if (!config.databaseUrl && !existsSync(join(config.dataDir, 'pgdata'))) {
      throw new CliError(`no --desired file given and no database at ${config.dataDir} (set STAGEGATE_DATA or DATABASE_URL)`);
    }
    return withAppContext(purpose, async (ctx) => fn({ desired: await desiredStateFromDatabase(ctx.db), scheduler, defaultCluster }, ctx));
  });
}

/** The service's errors as the CLI reports them: the message on stderr, exit 2. */
async function asCliError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof SlurmSyncError) {
      throw new CliError(e.code === 'nothing_to_enforce' ? `${e.message}; give --desired FILE to plan from a file` : e.message);
    }
    throw e;
  }
}
