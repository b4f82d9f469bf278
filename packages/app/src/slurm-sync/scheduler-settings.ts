/**
 * Which Slurm the sync service talks to. Read from the environment once (config.ts); the CLI's
 * --emulator, --slurm-bin and --slurm-prefix override it for one command. Apart from scheduler.ts
 * so that reading the configuration does not load the Slurm client.
 */
export interface SchedulerSettings {
  /** a JSON file holding an emulated cluster (created when missing): demos and tests, never production */
  emulator?: string;
  /** folder of sacctmgr/scancel/…; PATH when unset */
  binDir?: string;
  /** words put before each command, e.g. "sudo" or "ssh head" */
  prefix: string[];
  /** the Slurm cluster of pools not placed in the resources inventory; default: the only one */
  cluster?: string;
}

export function schedulerSettingsFrom(env: {
  STAGEGATE_SLURM_EMULATOR?: string;
  STAGEGATE_SLURM_BIN_DIR?: string;
  STAGEGATE_SLURM_PREFIX?: string;
  STAGEGATE_SLURM_CLUSTER?: string;
}): SchedulerSettings {
  return {
    emulator: env.STAGEGATE_SLURM_EMULATOR || undefined,
    binDir: env.STAGEGATE_SLURM_BIN_DIR || undefined,
    prefix: splitPrefix(env.STAGEGATE_SLURM_PREFIX),
    cluster: env.STAGEGATE_SLURM_CLUSTER || undefined,
  };
}

export const splitPrefix = (words: string | undefined): string[] => (words ?? '').split(/\s+/).filter(Boolean);
