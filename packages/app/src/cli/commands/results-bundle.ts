import type { CliCommand } from '../command.ts';
import { CliError } from '../command.ts';
import { parseFlags, requireFlag } from '../args.ts';
import { withAppContext } from '../context.ts';
import { getProgram } from '../../programs/program-store.ts';
import { currentEditions, listProgramBundles, writeBundleFolder } from '../../results-bundle/bundle-store.ts';

export const command: CliCommand = {
  usage: `stagegate results bundle --program SLUG --out DIR [--json]

Writes one folder per published result of the program (selection results, stage decisions, final
evaluations; the current edition of each) into DIR. Each folder holds JSON and CSV inputs, the
result, manifest.json with every file's SHA-256 and manifest.sig, the office's Ed25519 signature.
Check one with: stagegate verify DIR/<folder>`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { program: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } });
    const slug = requireFlag(values.program, 'program');
    const out = requireFlag(values.out, 'out');
    const written = await withAppContext('stagegate results bundle', async (ctx) => {
      if (!(await getProgram(ctx.db, slug))) throw new CliError(`unknown program "${slug}"`);
      const rows = currentEditions(await listProgramBundles(ctx.db, slug));
      const folders: { folder: string; kind: string; edition: number; manifestSha256: string }[] = [];
      for (const row of rows)
        folders.push({ folder: await writeBundleFolder(out, row), kind: row.kind, edition: row.edition, manifestSha256: row.manifestSha256 });
      return folders;
    });
    if (values.json) io.out(JSON.stringify({ program: slug, bundles: written }));
    else if (written.length === 0) io.out(`${slug} has no published results yet; nothing written`);
    else for (const w of written) io.out(`${w.folder}  (${w.kind}, edition ${w.edition}, manifest SHA-256 ${w.manifestSha256})`);
    return 0;
  },
};
