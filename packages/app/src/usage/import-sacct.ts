import { summarizeSacct, type SacctSource } from '../adapters/sacct/read-sacct.ts';
import { runCommand, type SlurmCommandConfig } from '../adapters/slurm/command-runner.ts';
import { SEOUL_OFFSET_SECONDS } from '@stagegate/core/shared/seoul-time';
import type { UsageWindow } from '@stagegate/core/usage/usage-job';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../auth/actor.ts';
import { storeUsageSummary, type UsageImportReport } from './store-usage.ts';
import { databaseUnixSeconds } from '../db/clock.ts';

/** A window that does not start and end at Seoul midnight would cover a day only in part. */
export class UsageWindowError extends Error {
  constructor(
    message: string,
    /** the bound at fault, for an API answer that names its field */
    readonly field: 'start' | 'end',
  ) {
    super(message);
  }
}

export function checkWholeDays(window: UsageWindow): void {
  for (const [name, at] of [
    ['start', window.start],
    ['end', window.end],
  ] as const) {
    if (Number.isFinite(at) && (at + SEOUL_OFFSET_SECONDS) % 86_400 !== 0) {
      throw new UsageWindowError(`--${name} must be a Seoul midnight (a bare date such as 2026-04-01): usage is stored by whole Seoul days`, name);
    }
  }
  if (Number.isFinite(window.start) !== Number.isFinite(window.end))
    throw new UsageWindowError('give both --start and --end, or neither', Number.isFinite(window.start) ? 'end' : 'start');
  if (window.end <= window.start) throw new UsageWindowError('--end must be after --start', 'end');
}

/**
 * Reads a whole `sacct --json` output (file path or bytes), then stores it. A malformed input
 * throws SacctFormatError (with position) before anything is written.
 */
export async function importSacct(
  db: Db,
  actor: Actor | null,
  source: SacctSource,
  window: UsageWindow,
  label: string,
  dumpEnd?: number,
): Promise<UsageImportReport> {
  checkWholeDays(window);
  const summary = await summarizeSacct(source, window, dumpEnd);
  return storeUsageSummary(db, actor, summary, label);
}

/** Runs sacct on the cluster for the window (top-level jobs of all users) and imports its answer. */
export async function importFromSlurm(db: Db, actor: Actor | null, window: UsageWindow, config: SlurmCommandConfig): Promise<UsageImportReport> {
  const pulled = await pullSacct(db, window, config);
  return importSacct(db, actor, chunks(pulled.text), window, pulled.label, pulled.takenAt);
}

/** sacct's answer for a whole-day window, with when it was taken (running jobs are charged up to then). */
/** The largest sacct --json document taken in, uploaded or pulled (a year of a busy cluster is well under it). */
export const MAX_SACCT_BYTES = 2 * 1024 * 1024 * 1024;

export async function pullSacct(db: Db, window: UsageWindow, config: SlurmCommandConfig): Promise<{ text: string; label: string; takenAt: number }> {
  checkWholeDays(window);
  if (!Number.isFinite(window.start)) throw new UsageWindowError('--from-slurm needs --start and --end', 'start');
  const iso = (s: number) => new Date(s * 1000).toISOString().slice(0, 19);
  // sacct reads times in the cluster's zone; UTC here plus TZ=UTC for the command keeps them exact
  const argv = ['sacct', '--json', '-X', '--allusers', `--starttime=${iso(window.start)}`, `--endtime=${iso(window.end)}`];
  const result = await runCommand(argv, { ...config, env: { ...config.env, TZ: 'UTC' } });
  if (result.exitCode !== 0) throw new Error(`${argv.join(' ')} failed (exit ${result.exitCode}): ${(result.stderr || result.stdout).trim().slice(0, 500)}`);
  // the dump was taken now: running jobs are charged up to this moment, not to a future window end
  const takenAt = await databaseUnixSeconds(db);
  return { text: result.stdout, label: `sacct ${iso(window.start)}Z..${iso(window.end)}Z`, takenAt };
}

/** Bytes already in memory as the reader's stream of chunks. */
export async function* chunks(text: string): AsyncGenerator<string> {
  yield text;
}
