import type { CliCommand } from '../command.ts';
import { parseFlags } from '../args.ts';
import { withAppContext } from '../context.ts';
import { verifyAuditChain } from '../../audit/audit-log.ts';

export const command: CliCommand = {
  summary: 'recompute the audit log hash chain (exit 1 if tampered)',
  usage: 'stagegate audit verify [--json]\n\nExit 0: every row intact. Exit 1: an edited, deleted or trimmed row was found (listed).',
  async run(argv, io) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } });
    const v = await withAppContext('stagegate audit verify', (ctx) => verifyAuditChain(ctx.db));
    if (values.json) io.out(JSON.stringify(v));
    else if (v.ok) io.out(`audit log intact: ${v.rows} rows`);
    else {
      io.out(`audit log TAMPERED: ${v.problems.length} problem(s) in ${v.rows} rows`);
      for (const p of v.problems) io.out(`  row ${p.seq ?? '-'}: ${p.problem}`);
    }
    return v.ok ? 0 : 1;
  },
};
