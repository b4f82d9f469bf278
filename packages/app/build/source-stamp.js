// Whether a build output still matches its sources. The quick signature reads no file: every source
// file's path, size and modification time, so an edit (or a checkout that rewrites a file) changes
// it and a stale build is never taken for a current one; the bin checks it on every run. The content
// signature hashes the files themselves, for a build slow enough that a touched-but-equal file
// should not redo it (the web bundle).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** @param {string} base @param {string[]} paths files or folders relative to base @param {{ contents?: boolean }} [opts] */
export function sourceSignature(base, paths, opts = {}) {
  const lines = [];
  const visit = (p) => {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const e of readdirSync(p).sort()) visit(join(p, e));
    else if (opts.contents) lines.push(`${relative(base, p)}\t${createHash('sha256').update(readFileSync(p)).digest('hex')}`);
    else lines.push(`${relative(base, p)}\t${st.size}\t${st.mtimeMs}`);
  };
  for (const p of paths) visit(join(base, p));
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** @param {string} stampFile @returns {string | undefined} the signature recorded by the last build */
export function readStamp(stampFile) {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8')).sources;
  } catch {
    return undefined;
  }
}
