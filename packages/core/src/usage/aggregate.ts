import { chargeJob, type NotChargedReason } from './gpu-seconds.ts';
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
  /**
   * Jobs with GPUs (allocated or requested) that were charged nothing for a reason a reader should
   * see — never started, or nothing in the file says how long they ran. Counted in full; listed up
   * to NOT_CHARGED_LISTED, in file order.
   */
  notCharged: { count: number; byReason: Partial<Record<NotChargedReason, number>>; jobs: NotChargedJob[] };
}

export interface NotChargedJob {
  jobId: string;
  account: string;
  user: string;
  state: string | null;
  gpus: number;
  reason: NotChargedReason;
}

/** How many uncharged jobs a summary names one by one (a cluster's year holds thousands). */
export const NOT_CHARGED_LISTED = 100;

export interface UsageAccumulator {
  /** adds one job; returns the GPU-seconds charged to the window */
  add(job: UsageJob): number;
  summary(): UsageSummary;
}

/**
 * Folds jobs one at a time, so a caller streaming a million-job file holds only the totals
 * (accounts × users × days), never the jobs.
 */
export function createUsageAccumulator(window: UsageWindow, dumpEnd?: number): UsageAccumulator {
  const accounts = new Map<string, UsageTotals>();
  const users = new Map<string, UsageTotals>();
  const daily = new Map<string, DailyUsage>();
  let jobsRead = 0;
  const notCharged: UsageSummary['notCharged'] = { count: 0, byReason: {}, jobs: [] };

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
      const requested = job.requestedGpus ?? 0;
      if (job.gpus <= 0 && requested <= 0) return 0;
      const outcome = chargeJob(job, window, dumpEnd);
      if ('reason' in outcome) {
        notCharged.count += 1;
        notCharged.byReason[outcome.reason] = (notCharged.byReason[outcome.reason] ?? 0) + 1;
        if (notCharged.jobs.length < NOT_CHARGED_LISTED) {
          notCharged.jobs.push({
            jobId: job.jobId,
            account: job.account,
            user: job.user,
            state: job.state ?? null,
            gpus: Math.max(job.gpus, requested),
            reason: outcome.reason,
          });
        }
        return 0;
      }
      const charged = outcome.interval;
      if (!charged || job.gpus <= 0) return 0;
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
        daily: [...daily.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, row]) => ({ ...row })),
        jobsRead,
        notCharged: { count: notCharged.count, byReason: { ...notCharged.byReason }, jobs: notCharged.jobs.map((j) => ({ ...j })) },
      };
    },
  };
}

/** Summarises a finite list of jobs; see createUsageAccumulator for streams. */
export function summarizeUsage(jobs: Iterable<UsageJob>, window: UsageWindow, dumpEnd?: number): UsageSummary {
  const acc = createUsageAccumulator(window, dumpEnd);
  for (const job of jobs) acc.add(job);
  return acc.summary();
}
