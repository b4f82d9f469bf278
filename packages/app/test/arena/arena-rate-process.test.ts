import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// the installed command as a user runs it: real process, real exit code, stdout/stderr split
describe('stagegate arena rate (process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arena-proc-'));
  const run = (file: string) =>
    spawnSync('node', ['packages/app/bin/stagegate.js', 'arena', 'rate', '--file', file, '--bootstrap', '20', '--json'], {
      cwd: join(import.meta.dirname, '..', '..', '..', '..'),
      encoding: 'utf8',
    });

  it('exits 0 with the JSON on stdout', () => {
    const file = join(dir, 'ok.jsonl');
    writeFileSync(file, '{"model_a":"a","model_b":"b","winner":"model_a"}\n{"model_a":"a","model_b":"b","winner":"tie"}\n');
    const r = run(file);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).models.map((m: { model: string }) => m.model)).toEqual(['a', 'b']);
  });

  it('exits 2 naming the bad line on stderr', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"model_a":"a","model_b":"b","winner":"model_a"}\n{"model_a":"a","model_b":"b"}\n');
    const r = run(file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('line 2: field "winner" is missing');
  });
});
