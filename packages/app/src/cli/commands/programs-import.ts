import type { CliCommand } from '../command.ts';
import { CliError } from '../command.ts';
import { parseFlags } from '../args.ts';
import { readJsonFile } from '../files.ts';
import { withAppContext } from '../context.ts';
import { importProgram } from '../../programs/program-store.ts';

export const command: CliCommand = {
  usage: `stagegate programs import FILE [--dry-run] [--json]

Validates FILE against the program schema and adds the program (or updates it when the file's
"version" is newer). Importing the same file again changes nothing. --dry-run shows the changes.`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } }, true);
    const file = positionals[0];
    if (!file) throw new CliError('missing FILE: stagegate programs import FILE');
    const json = await readJsonFile(file);
    const res = await withAppContext('stagegate programs import', (ctx) => importProgram(ctx.db, null, json, values['dry-run'] ? 'preview' : 'commit'));
    if (res.status === 'invalid') {
      throw new CliError(`${file}: invalid program definition:\n${res.issues.map((i) => `  ${i.field}: ${i.message.en}`).join('\n')}`);
    }
    if (values.json) io.out(JSON.stringify(res));
    else if (res.status === 'unchanged') io.out(`${res.slug}: already loaded at this version, nothing changed`);
    else if (res.status === 'preview') io.out(`${res.slug}: would change ${res.changes.length} fields (dry run)`);
    else if (res.status === 'committed') io.out(`${res.slug}: imported (revision ${res.revision})`);
    return 0;
  },
};
