import { readFile, writeFile } from 'node:fs/promises';
import { SlurmEmulator, type EmulatorSnapshot } from '../adapters/slurm/emulator.ts';
import type { SchedulerClient } from '../adapters/slurm/scheduler-client.ts';
import { SlurmClient } from '../adapters/slurm/slurm-client.ts';
import type { SchedulerSettings } from './scheduler-settings.ts';
import { SlurmSyncError } from './sync-error.ts';

export interface OpenedScheduler {
  client: SchedulerClient;
  /** persists the emulator's state; nothing for a real cluster */
  save(): Promise<void>;
}

/**
 * The real Slurm client, or the emulator when a state file is configured. The emulator is read
 * afresh on every open, so a route, a job and the CLI that each open it see one another's changes.
 */
export async function openScheduler(settings: SchedulerSettings): Promise<OpenedScheduler> {
  if (settings.emulator) {
    const file = settings.emulator;
    let snapshot: EmulatorSnapshot | undefined;
    try {
      snapshot = JSON.parse(await readFile(file, 'utf8')) as EmulatorSnapshot;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new SlurmSyncError('scheduler_unreachable', `${file}: cannot read the emulator state: ${(e as Error).message}`);
    }
    // a fresh emulated accounting database serves the configured cluster, as `sacctmgr add cluster` would
    const emulator = new SlurmEmulator(snapshot ?? (settings.cluster ? { clusters: [settings.cluster] } : undefined));
    return { client: emulator, save: () => writeFile(file, JSON.stringify(emulator.toJSON(), null, 2)) };
  }
  return { client: new SlurmClient({ binDir: settings.binDir, prefix: settings.prefix }), save: async () => {} };
}
