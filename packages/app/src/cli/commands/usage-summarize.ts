import { gpuHours } from '@stagegate/core/usage/units';
import type { UsageTotals } from '@stagegate/core/usage/aggregate';
import { summarizeSacct } from '../../usage/read-sacct.ts';
import { parseWindowInstant } from '../../usage/window-instant.ts';
import { SacctFormatError } from '../../usage/sacct-format-error.ts';
import { parseFlags, requireFlag } from '../args.ts';
import { CliError, type CliCommand } from '../command.ts';

const usage = `Usage: stagegate usage summarize --file SACCT.json [--start ISO] [--end ISO] [--json]

GPU-hours per account and per user from the output of
  sacct -X --allusers --starttime S --endtime E --json > SACCT.json
Each top-level job is charged allocated GPUs (gres/gpu) x elapsed seconds, clipped to the
window [--start, --end); job steps are never counted. Jobs still running are charged up to now
(or --end, if earlier). "jobs" counts jobs with any GPU time in the window; CPU-only jobs and
jobs outside the window are left out, and so are accounts and users with none.
An ISO instant without an offset, or a bare date, is read in Asia/Seoul.

  --json   print { "accounts": { A: { "gpuHours", "jobs" } }, "users": { U: { "gpuHours", "jobs" } } }
           (gpuHours rounded to 4 decimals)

Exit codes: 0 success, 2 bad options or a malformed file (the position is on stderr).`;

const toHours = (totals: Record<string, UsageTotals>) =>
  Object.fromEntries(Object.entries(totals).map(([k, t]) => [k, { gpuHours: gpuHours(t.gpuSeconds), jobs: t.jobs }]));

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
  summary: 'GPU-hours per account and user from a sacct --json file',
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      file: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const file = requireFlag(values.file, 'file');
    const start = values.start === undefined ? -Infinity : parseWindowInstant(values.start, 'start');
    const end = values.end === undefined ? Infinity : parseWindowInstant(values.end, 'end');
    if (!(end > start)) throw new CliError('--end must be after --start');
    const now = Math.floor(Date.now() / 1000);
    let summary;
    try {
      summary = await summarizeSacct(file, { start, end }, now);
    } catch (e) {
      if (e instanceof SacctFormatError) throw new CliError(`${file}: ${e.message}`);
      throw e;
    }
    const result = { accounts: toHours(summary.accounts), users: toHours(summary.users) };
    if (values.json) {
      io.out(JSON.stringify(result, null, 2));
    } else {
      io.out([table('account', result.accounts), '', table('user', result.users), '', `${summary.jobsRead} jobs read`].join('\n'));
    }
    return 0;
  },
};
