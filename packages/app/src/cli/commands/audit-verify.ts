import type { CliCommand } from '../command.ts';
import { parseFlags } from '../args.ts';
import { withAppContext } from '../context.ts';
import { verifyAuditChain } from '../../audit/audit-log.ts';

export const command: CliCommand = {
  usage:
    "stagegate audit verify [--json]\n\nRecomputes every row's HMAC with the audit key (STAGEGATE_AUDIT_KEY, the data folder's audit.key, or\n" +
    'STAGEGATE_SECRET on PostgreSQL) and checks the signed head in the database and the one kept in the data folder.\n' +
    'Exit 0: every row intact. Exit 1: an edited, deleted, trimmed or truncated log was found (listed).',
  async run(argv, io) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } });
    const v = await withAppContext('stagegate audit verify', (ctx) => verifyAuditChain(ctx.db));
    if (values.json) io.out(JSON.stringify(v));
    else if (v.ok) {
      const legacy = v.unkeyedRows ? ` (${v.unkeyedRows} written before keying, anchored by the first keyed row)` : '';
      io.out(`audit log intact: ${v.rows} rows${legacy}; key ${v.keyId} from ${v.keySource}`);
    } else {
      io.out(`audit log TAMPERED: ${v.problems.length} problem(s) in ${v.rows} rows`);
      for (const p of v.problems) io.out(`  row ${p.seq ?? '-'}: ${p.problem}`);
    }
    return v.ok ? 0 : 1;
  },
};
