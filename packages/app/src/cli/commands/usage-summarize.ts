import { gpuHours, gpuMinutesFloor, SECONDS_PER_HOUR } from '@stagegate/core/usage/units';
import type { UsageSummary, UsageTotals } from '@stagegate/core/usage/aggregate';
import { summarizeSacct } from '../../adapters/sacct/read-sacct.ts';
import { windowFlag } from '../window-flag.ts';
import { SacctFormatError } from '../../adapters/sacct/sacct-format-error.ts';
import { parseFlags, requireFlag } from '../args.ts';
import { CliError, type CliCommand } from '../command.ts';

const usage = `Usage: stagegate usage summarize --file SACCT.json [--start ISO] [--end ISO] [--json]

GPU-hours per account and per user from the output of
  sacct -X --allusers --starttime S --endtime E --json > SACCT.json
Each top-level job is charged allocated GPUs (gres/gpu) x elapsed seconds, clipped to the
window [--start, --end); job steps are never counted. Finished jobs (COMPLETED, FAILED,
CANCELLED, TIMEOUT, NODE_FAIL, PREEMPTED, OUT_OF_MEMORY, BOOT_FAIL, DEADLINE) are charged by
Slurm's own elapsed time. Jobs still running are charged up to --end, or without --end up to
when sacct wrote the file (their start + elapsed) — never up to the clock of the machine reading
it: the same file gives the same totals on any day. Jobs that never started count 0 and are
listed with the reason. "jobs" counts jobs with any GPU time in the window; CPU-only jobs and
jobs outside the window are left out, and so are accounts and users with none.
Reads sacct --json of Slurm 21.08 to 24.11 (openapi dbv0.0.37/38, data_parser v0.0.39-41).
An ISO instant without an offset, or a bare date, is read in Asia/Seoul.

  --json   print exact figures: { "accounts": { A: { "gpuSeconds", "gpuMinutes", "gpuHours",
           "jobs" } }, "users": { … }, "jobsRead", "notCharged": { "count", "byReason", "jobs" } }
           gpuSeconds is exact; gpuMinutes is whole minutes (rounded down, as a GrpTRESMins
           budget counts them); gpuHours is gpuSeconds / 3600, never rounded. The table rounds
           hours to 4 decimals for people.

Exit codes: 0 success, 2 bad options or a malformed file (the position is on stderr).`;

/** Machine output: exact, nothing rounded but the whole minutes that are named as such. */
const exact = (totals: Record<string, UsageTotals>) =>
  Object.fromEntries(
    Object.entries(totals).map(([k, t]) => [
      k,
      { gpuSeconds: t.gpuSeconds, gpuMinutes: gpuMinutesFloor(t.gpuSeconds), gpuHours: t.gpuSeconds / SECONDS_PER_HOUR, jobs: t.jobs },
    ]),
  );

const toHours = (totals: Record<string, UsageTotals>) =>
  Object.fromEntries(Object.entries(totals).map(([k, t]) => [k, { gpuHours: gpuHours(t.gpuSeconds), jobs: t.jobs }]));

const REASON_TEXT: Record<string, string> = {
  'never-started': 'never started',
  'finished-without-duration': 'finished, but the file gives neither an end nor an elapsed time',
  'running-without-dump-end': 'running, and neither --end nor the file says up to when',
};

function notChargedLines(n: UsageSummary['notCharged']): string[] {
  if (n.count === 0) return [];
  const lines = [`${n.count} GPU job(s) charged nothing:`];
  for (const j of n.jobs)
    lines.push(`  job ${j.jobId} (${j.account}/${j.user}, ${j.state ?? 'state not given'}, ${j.gpus} GPUs): ${REASON_TEXT[j.reason] ?? j.reason}`);
  if (n.count > n.jobs.length) lines.push(`  … and ${n.count - n.jobs.length} more`);
  return lines;
}

function table(title: string, rows: Record<string, { gpuHours: number; jobs: number }>): string {
  const entries = Object.entries(rows);
  const width = Math.max(title.length, ...entries.map(([k]) => k.length));
  const lines = [`${title.padEnd(width)}  ${'GPU-hours'.padStart(14)}  ${'jobs'.padStart(8)}`];
  for (const [k, r] of entries) {
    lines.push(`${k.padEnd(width)}  ${r.gpuHours.toFixed(4).padStart(14)}  ${String(r.jobs).padStart(8)}`);
  }
  if (entries.length === 0) lines.push('(no GPU use in the window)');
  return lines.join('\n');
}

export const command: CliCommand = {
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      file: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const file = requireFlag(values.file, 'file');
    const start = values.start === undefined ? -Infinity : windowFlag(values.start, 'start');
    const end = values.end === undefined ? Infinity : windowFlag(values.end, 'end');
    if (!(end > start)) throw new CliError('--end must be after --start');
    let summary;
    try {
      summary = await summarizeSacct(file, { start, end });
    } catch (e) {
      if (e instanceof SacctFormatError) throw new CliError(`${file}: ${e.message}`);
      throw e;
    }
    if (values.json) {
      const result = { accounts: exact(summary.accounts), users: exact(summary.users), jobsRead: summary.jobsRead, notCharged: summary.notCharged };
      io.out(JSON.stringify(result, null, 2));
    } else {
      const lines = [table('account', toHours(summary.accounts)), '', table('user', toHours(summary.users)), '', `${summary.jobsRead} jobs read`];
      io.out([...lines, ...notChargedLines(summary.notCharged)].join('\n'));
    }
    return 0;
  },
};
