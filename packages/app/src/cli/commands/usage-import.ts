import { parseFlags } from '../args.ts';
import { CliError, type CliCommand } from '../command.ts';
import { withAppContext } from '../context.ts';
import { windowFlag } from '../window-flag.ts';
import { SacctFormatError } from '../../adapters/sacct/sacct-format-error.ts';
import { importFromSlurm, importSacct, UsageWindowError } from '../../usage/import-sacct.ts';

const usage = `Usage: stagegate usage import --file SACCT.json [--start DATE --end DATE] [--json]
       stagegate usage import --from-slurm --start DATE --end DATE [--slurm-bin DIR] [--slurm-prefix WORDS]

Stores GPU use per Slurm account (→ task), cluster user and Seoul day, from
  sacct -X --allusers --starttime S --endtime E --json > SACCT.json
or by running that sacct on the cluster (--from-slurm).

Finished jobs are charged by Slurm's elapsed time, running ones up to --end (or, with
--from-slurm, up to when sacct ran), jobs that never started count 0 and are reported.

Idempotent: an import covers whole Seoul days — every day of [--start, --end), or without a window
the first to the last day the file has GPU use on — and replaces every stored row on those days.
Importing the same window again leaves the same totals; it never adds twice. --start and --end are
Seoul midnights (bare dates, e.g. 2026-04-01). The file is read completely and checked before
anything is written, and the rows are written in one transaction: nothing is half-imported.

Exit codes: 0 imported, 2 bad options or a malformed file (its position is on stderr).`;

export const command: CliCommand = {
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      file: { type: 'string' },
      'from-slurm': { type: 'boolean', default: false },
      start: { type: 'string' },
      end: { type: 'string' },
      json: { type: 'boolean', default: false },
      'slurm-bin': { type: 'string' },
      'slurm-prefix': { type: 'string' },
    });
    if (!values.file && !values['from-slurm']) throw new CliError('give --file SACCT.json or --from-slurm');
    if (values.file && values['from-slurm']) throw new CliError('give either --file or --from-slurm, not both');
    const window = {
      start: values.start === undefined ? -Infinity : windowFlag(values.start, 'start'),
      end: values.end === undefined ? Infinity : windowFlag(values.end, 'end'),
    };
    const report = await withAppContext('usage import', async (ctx) => {
      try {
        if (values.file) return await importSacct(ctx.db, null, values.file, window, `file ${values.file}`);
        const prefix = (values['slurm-prefix'] ?? process.env.STAGEGATE_SLURM_PREFIX ?? '').split(/\s+/).filter(Boolean);
        return await importFromSlurm(ctx.db, null, window, { binDir: values['slurm-bin'] ?? process.env.STAGEGATE_SLURM_BIN_DIR ?? undefined, prefix });
      } catch (e) {
        if (e instanceof SacctFormatError) throw new CliError(`${values.file ?? 'sacct output'}: ${e.message}`);
        if (e instanceof UsageWindowError) throw new CliError(e.message);
        throw e;
      }
    });
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else {
      io.out(
        `Imported ${report.jobsRead} jobs: ${report.rowsWritten} rows (account × user × day) for ${report.firstDay ?? '–'} … ${report.lastDay ?? '–'}, replacing ${report.rowsReplaced}.`,
      );
      if (report.unmappedAccounts.length) io.out(`Accounts without a task (stored, not charged to a task): ${report.unmappedAccounts.join(', ')}`);
      const n = report.notCharged;
      if (n.count)
        io.out(
          `GPU jobs charged nothing: ${n.count} (${Object.entries(n.byReason)
            .map(([r, k]) => `${r}: ${k}`)
            .join(', ')}); first: ${n.jobs
            .slice(0, 10)
            .map((j) => `${j.jobId} ${j.state ?? ''}`.trim())
            .join(', ')}`,
        );
    }
    return 0;
  },
};
