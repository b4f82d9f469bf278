import { readFile, writeFile } from 'node:fs/promises';
import { CliError } from '../cli/command.ts';
import { SlurmEmulator, type EmulatorSnapshot } from './emulator.ts';
import type { SchedulerClient } from './scheduler-client.ts';
import { SlurmClient } from './slurm-client.ts';

export interface ClientOptions {
  /** a JSON file holding an emulated cluster (created when missing); for demos and tests */
  emulator?: string;
  /** folder of sacctmgr/scancel/…; default $STAGEGATE_SLURM_BIN_DIR, else PATH */
  slurmBin?: string;
  /** words put before each command, e.g. "sudo" or "ssh head"; default $STAGEGATE_SLURM_PREFIX */
  slurmPrefix?: string;
}

export interface OpenedClient {
  client: SchedulerClient;
  /** persists the emulator's state; nothing for a real cluster */
  save(): Promise<void>;
}

export async function openSchedulerClient(opts: ClientOptions, env: NodeJS.ProcessEnv = process.env): Promise<OpenedClient> {
  if (opts.emulator) {
    const file = opts.emulator;
    let snapshot: EmulatorSnapshot | undefined;
    try {
      snapshot = JSON.parse(await readFile(file, 'utf8')) as EmulatorSnapshot;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new CliError(`${file}: cannot read the emulator state: ${(e as Error).message}`);
    }
    const emulator = new SlurmEmulator(snapshot);
    return { client: emulator, save: () => writeFile(file, JSON.stringify(emulator.toJSON(), null, 2)) };
  }
  const prefix = (opts.slurmPrefix ?? env.STAGEGATE_SLURM_PREFIX ?? '').split(/\s+/).filter(Boolean);
  const binDir = opts.slurmBin ?? env.STAGEGATE_SLURM_BIN_DIR ?? undefined;
  return { client: new SlurmClient({ binDir: binDir || undefined, prefix }), save: async () => {} };
}

export const clientFlags = {
  emulator: { type: 'string' },
  'slurm-bin': { type: 'string' },
  'slurm-prefix': { type: 'string' },
} as const;
