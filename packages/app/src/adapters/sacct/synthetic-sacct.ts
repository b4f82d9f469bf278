import { createRng } from '@stagegate/core/shared/random';
import { seoulMidnight } from '@stagegate/core/shared/seoul-time';
import { dayNumber, dayString } from '@stagegate/core/allocation/calendar-day';

export interface SyntheticAccount {
  account: string;
  users: string[];
  /** concurrent GPUs the account may hold */
  gpus: number;
  /** the share of those GPU-hours it actually uses (0–1) */
  utilisation: number;
}

export interface SyntheticJob {
  job_id: number;
  account: string;
  user: string;
  state: { current: string; reason: string };
  time: { start: number; end: number; elapsed: number; submission: number };
  tres: { allocated: { type: string; name: string; id: number; count: number }[] };
}

/**
 * A `sacct --json` document (22.05 shape) with whole-node jobs of 8 GPUs for each account, day by
 * day, using about `utilisation` of its GPUs. For the demo and tests; seeded, so the same input
 * gives the same file. The exact GPU-seconds of every job are in the jobs themselves.
 */
export function syntheticSacct(
  accounts: SyntheticAccount[],
  firstDay: string,
  lastDay: string,
  seed = 1,
): { jobs: SyntheticJob[]; meta: object; errors: unknown[] } {
  const rng = createRng(seed);
  const jobs: SyntheticJob[] = [];
  let id = 500_000;
  for (let d = dayNumber(firstDay); d <= dayNumber(lastDay); d++) {
    const midnight = seoulMidnight(dayString(d));
    for (const a of accounts) {
      // each node (8 GPUs) runs one job a day for a share of the day around the target utilisation
      const nodes = Math.floor(a.gpus / 8);
      for (let n = 0; n < nodes; n++) {
        const share = Math.min(1, Math.max(0, a.utilisation + (rng.next() - 0.5) * 0.2));
        const seconds = Math.floor((share * 86_400) / 60) * 60;
        if (seconds <= 0) continue;
        const start = midnight + Math.floor((86_400 - seconds) * rng.next());
        const user = a.users[(n + d) % a.users.length]!;
        jobs.push({
          job_id: ++id,
          account: a.account,
          user,
          state: { current: 'COMPLETED', reason: 'None' },
          time: { start, end: start + seconds, elapsed: seconds, submission: start - 60 },
          tres: { allocated: [{ type: 'gres', name: 'gpu', id: 1001, count: 8 }] },
        });
      }
    }
  }
  return { jobs, meta: { plugin: { type: 'openapi/dbv0.0.37' }, Slurm: { version: { major: 22, micro: 8, minor: 5 }, release: '22.05.8' } }, errors: [] };
}
