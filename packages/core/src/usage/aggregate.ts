import { chargedInterval } from './gpu-seconds.ts';
import { splitBySeoulDay } from './seoul-day.ts';
import type { UsageJob, UsageWindow } from './usage-job.ts';

/**
 * A job counts (in `jobs`) when it has any GPU time inside the window; CPU-only jobs and jobs
 * wholly outside the window are neither counted nor make their account or user appear.
 */
export interface UsageTotals {
  gpuSeconds: number;
  jobs: number;
}

/** One row of the per task (account) × user × Seoul day ledger the database stores. */
export interface DailyUsage {
  account: string;
  user: string;
  /** `YYYY-MM-DD`, Asia/Seoul */
  day: string;
  gpuSeconds: number;
  /** jobs with GPU time on that day */
  jobs: number;
}

export interface UsageSummary {
  window: UsageWindow;
  accounts: Record<string, UsageTotals>;
  users: Record<string, UsageTotals>;
  /** sorted by account, user, day */
  daily: DailyUsage[];
  /** every job read, including those charged nothing */
  jobsRead: number;
}

export interface UsageAccumulator {
  /** adds one job; returns the GPU-seconds charged to the window */
  add(job: UsageJob): number;
  summary(): UsageSummary;
}

/**
 * Folds jobs one at a time, so a caller streaming a million-job file holds only the totals
 * (accounts × users × days), never the jobs.
 */
export function createUsageAccumulator(window: UsageWindow, now?: number): UsageAccumulator {
  const accounts = new Map<string, UsageTotals>();
  const users = new Map<string, UsageTotals>();
  const daily = new Map<string, DailyUsage>();
  let jobsRead = 0;

  const bump = (map: Map<string, UsageTotals>, key: string, gpuSeconds: number) => {
    const t = map.get(key);
    if (t) {
      t.gpuSeconds += gpuSeconds;
      t.jobs += 1;
    } else map.set(key, { gpuSeconds, jobs: 1 });
  };

  return {
    add(job) {
      jobsRead += 1;
      if (job.gpus <= 0) return 0;
      const charged = chargedInterval(job, window, now);
      if (!charged) return 0;
      const gpuSeconds = job.gpus * charged.seconds;
      bump(accounts, job.account, gpuSeconds);
      bump(users, job.user, gpuSeconds);
      for (const part of splitBySeoulDay(charged.start, charged.end, charged.seconds)) {
        const key = `${job.account}\u0000${job.user}\u0000${part.day}`;
        const row = daily.get(key);
        if (row) {
          row.gpuSeconds += job.gpus * part.seconds;
          row.jobs += 1;
        } else {
          daily.set(key, { account: job.account, user: job.user, day: part.day, gpuSeconds: job.gpus * part.seconds, jobs: 1 });
        }
      }
      return gpuSeconds;
    },
    summary() {
      const byKey = (a: [string, UsageTotals], b: [string, UsageTotals]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
      return {
        window,
        accounts: Object.fromEntries([...accounts].sort(byKey).map(([k, v]) => [k, { ...v }])),
        users: Object.fromEntries([...users].sort(byKey).map(([k, v]) => [k, { ...v }])),
        daily: [...daily.entries()]
          .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
          .map(([, row]) => ({ ...row })),
        jobsRead,
      };
    },
  };
}

/** Summarises a finite list of jobs; see createUsageAccumulator for streams. */
export function summarizeUsage(jobs: Iterable<UsageJob>, window: UsageWindow, now?: number): UsageSummary {
  const acc = createUsageAccumulator(window, now);
  for (const job of jobs) acc.add(job);
  return acc.summary();
}
