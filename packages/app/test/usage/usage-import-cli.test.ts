import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import { usageDaily } from '../../src/db/schema/index.ts';
import { syntheticSacct } from '../../src/adapters/sacct/synthetic-sacct.ts';

const repo = new URL('../../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sg-usage-cli-'));
const env = { ...process.env, STAGEGATE_DATA: join(dir, 'data'), STAGEGATE_DEMO: '0', LOG_LEVEL: 'silent' };
const run = (...argv: string[]) => spawnSync('node', ['packages/app/bin/stagegate.js', 'usage', 'import', ...argv], { cwd: repo, env, encoding: 'utf8' });

describe('stagegate usage import', () => {
  it('imports a file twice with the same result, and refuses a malformed one with exit 2 and its position', async () => {
    const doc = syntheticSacct([{ account: 'someaccount', users: ['u1', 'u2'], gpus: 16, utilisation: 0.5 }], '2026-05-01', '2026-05-03', 11);
    const file = join(dir, 'may.json');
    writeFileSync(file, JSON.stringify(doc, null, 1));
    const first = run('--file', file, '--start', '2026-05-01', '--end', '2026-05-04', '--json');
    expect(first.status, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({
      firstDay: '2026-05-01',
      lastDay: '2026-05-03',
      jobsRead: doc.jobs.length,
      rowsReplaced: 0,
      unmappedAccounts: ['someaccount'],
    });
    const second = JSON.parse(run('--file', file, '--start', '2026-05-01', '--end', '2026-05-04', '--json').stdout);
    expect(second.rowsReplaced).toBe(report.rowsWritten);

    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify(doc, null, 1).replace('"account": "someaccount"', '"account": 17'));
    const bad = run('--file', broken);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/broken\.json: line \d+, column \d+ \(byte \d+\): jobs\[0\]\.account: expected a string/);
    expect(run('--file', file, '--start', '2026-05-01T12:00:00+09:00', '--end', '2026-05-04').status).toBe(2);
    expect(run().stderr).toContain('--file');

    const ctx = await createContext({ ...loadConfig(env), logLevel: 'silent' });
    try {
      const [row] = await ctx.db.select({ s: sql<string>`sum(${usageDaily.gpuSeconds})`, n: sql<string>`count(*)` }).from(usageDaily);
      expect(Number(row!.s)).toBe(doc.jobs.reduce((s, j) => s + 8 * j.time.elapsed, 0));
    } finally {
      await ctx.close();
    }
  }, 120_000);

  it('--from-slurm runs sacct for the window (in UTC) and stores its answer', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const doc = syntheticSacct([{ account: 'clusteraccount', users: ['u9'], gpus: 8, utilisation: 0.25 }], '2026-06-01', '2026-06-01', 5);
    writeFileSync(join(dir, 'answer.json'), JSON.stringify(doc));
    // a stand-in for sacct: records its arguments and prints a sacct --json answer
    writeFileSync(join(bin, 'sacct'), `#!/bin/sh\necho "$@" > '${join(dir, 'args.txt')}'\ncat '${join(dir, 'answer.json')}'\n`);
    chmodSync(join(bin, 'sacct'), 0o755);
    const r = run('--from-slurm', '--start', '2026-06-01', '--end', '2026-06-02', '--slurm-bin', bin, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'args.txt'), 'utf8').trim()).toBe('--json -X --allusers --starttime=2026-05-31T15:00:00 --endtime=2026-06-01T15:00:00');
    expect(JSON.parse(r.stdout)).toMatchObject({
      firstDay: '2026-06-01',
      lastDay: '2026-06-01',
      jobsRead: doc.jobs.length,
      unmappedAccounts: ['clusteraccount'],
    });
    expect(run('--from-slurm', '--slurm-bin', bin).status).toBe(2);
  }, 60_000);
});
