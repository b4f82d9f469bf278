import { readFile } from 'node:fs/promises';
import type { CliCommand } from '../command.ts';
import { CliError } from '../command.ts';
import { parseFlags } from '../args.ts';
import { BundleReadError, readBundle } from '../../results-bundle/read-bundle.ts';
import { verifyBundle } from '../../results-bundle/verify-bundle.ts';

// No database, no configuration, no account: this command reads the bundle it is given and nothing else.
export const command: CliCommand = {
  usage: `stagegate verify BUNDLE [--key KEY] [--json]

BUNDLE is a bundle folder or its zip. Checks each file's SHA-256 against manifest.json, the
Ed25519 signature in manifest.sig, and recomputes result.json from the bundle's inputs with the
computation version the manifest names. --key is the office's public key (a PEM file, or the key
id from the public results page): a bundle signed with any other key is refused.
Needs no database and no account.

Exit 0: identical. Exit 1: a file, the signature or a recomputed figure differs (the first one is
named, with by how much). Exit 2: not a readable bundle.`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { key: { type: 'string' }, json: { type: 'boolean' } }, true);
    const path = positionals[0];
    if (!path || positionals.length > 1) throw new CliError('give one bundle folder or zip: stagegate verify BUNDLE');
    let trustedKey: string | undefined;
    if (values.key !== undefined) {
      trustedKey = /^[0-9a-f]{64}$/i.test(values.key.trim())
        ? values.key
        : await readFile(values.key, 'utf8').catch(() => {
            throw new CliError(`--key: "${values.key}" is neither a 64-hex key id nor a readable PEM file`);
          });
    }
    let bundle;
    try {
      bundle = await readBundle(path);
    } catch (e) {
      if (e instanceof BundleReadError) throw new CliError(e.message);
      throw e;
    }
    const v = verifyBundle(bundle, { trustedKey });
    if (values.json) {
      io.out(
        JSON.stringify({
          verdict: v.verdict,
          problem: v.problem ?? null,
          checks: v.checks,
          manifest: v.manifest
            ? {
                bundleId: v.manifest.bundleId,
                kind: v.manifest.kind,
                program: v.manifest.program,
                computation: v.manifest.computation,
                keyId: v.manifest.signature.keyId,
                auditHead: v.manifest.auditHead,
              }
            : null,
        }),
      );
    } else {
      const m = v.manifest;
      if (m) {
        io.out(`${m.subject.name.ko} / ${m.subject.name.en}`);
        io.out(`  ${m.kind} of program ${m.program}, published ${m.publishedAt}, Stagegate ${m.stagegateVersion}, bundle ${m.bundleId}`);
      }
      for (const c of v.checks) io.out(`${c.ok ? 'ok ' : 'BAD'} ${c.line}`);
      if (m?.private.length) {
        io.out('left out as private (SHA-256 only):');
        for (const p of m.private) io.out(`    ${p.what.en} (${p.items} item${p.items === 1 ? '' : 's'}): ${p.sha256}`);
      }
    }
    if (v.verdict === 'unreadable') throw new CliError(v.problem ?? 'not a readable bundle');
    if (!values.json) io.out(v.verdict === 'identical' ? 'identical' : `DIFFERS: ${v.problem}`);
    return v.verdict === 'identical' ? 0 : 1;
  },
};
