import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const fixture = 'packages/app/test/fixtures/sacct/sacct-22.05.json';
const repo = new URL('../../../../', import.meta.url).pathname;

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['usage', 'summarize', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('stagegate usage summarize', () => {
  it('prints GPU-hours and job counts per account and user as JSON for a Seoul day', async () => {
    const r = await run('--file', join(repo, fixture), '--start', '2026-03-01', '--end', '2026-03-02T00:00:00+09:00', '--json');
    expect(r.code).toBe(0);
    // hand-computed from the fixture's README table
    expect(JSON.parse(r.out)).toEqual({
      accounts: { 'sfm-law': { gpuHours: 96, jobs: 2 }, 'sfm-med': { gpuHours: 41, jobs: 3 } },
      users: { kim: { gpuHours: 33, jobs: 2 }, lee: { gpuHours: 8, jobs: 1 }, park: { gpuHours: 96, jobs: 2 } },
    });
  });

  it('rounds GPU-hours to 4 decimals', async () => {
    // 15:00:00Z–15:20:00Z: only job 1002 (8 GPUs) runs → 8 × 1/3 h
    const r = await run('--file', join(repo, fixture), '--start', '2026-02-28T15:00:00Z', '--end', '2026-02-28T15:20:00Z', '--json');
    expect(JSON.parse(r.out)).toEqual({ accounts: { 'sfm-med': { gpuHours: 2.6667, jobs: 1 } }, users: { lee: { gpuHours: 2.6667, jobs: 1 } } });
  });

  it('prints a readable table without --json', async () => {
    const r = await run('--file', join(repo, fixture), '--start', '2026-03-01', '--end', '2026-03-02');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^sfm-law\s+96\.0000\s+2$/m);
    expect(r.out).toMatch(/^kim\s+33\.0000\s+2$/m);
    expect(r.out).toContain('8 jobs read');
  });

  it('exits 2 with the position and field of a malformed job', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'usage-cli-'));
    const bad = join(dir, 'bad.json');
    const text = readFileSync(join(repo, fixture), 'utf8').replace('"elapsed": 1800', '"elapsed": null');
    writeFileSync(bad, text);
    const jobStart = text.lastIndexOf('\n    {', text.indexOf('"job_id": 1007')) + 5;
    const line = text.slice(0, jobStart).split('\n').length;
    const r = await run('--file', bad, '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${bad}: line ${line}, column 5 (byte ${jobStart}): jobs[6].time.elapsed: expected a number`);
  });

  it('exits 2 on missing or malformed options', async () => {
    expect((await run('--json')).err).toContain('missing required option --file');
    const badStart = await run('--file', fixture, '--start', 'yesterday');
    expect(badStart.code).toBe(2);
    expect(badStart.err).toContain('--start: not an ISO 8601 date');
    expect((await run('--file', fixture, '--start', '2026-03-02', '--end', '2026-03-01')).code).toBe(2);
    expect((await run('--file', fixture, '--start', '2026-02-30')).err).toContain('no such date');
  });

  it('sets the process exit code when run as a command', () => {
    const bin = join(repo, 'packages/app/bin/stagegate.js');
    const ok = spawnSync('node', [bin, 'usage', 'summarize', '--file', fixture, '--start', '2026-03-01', '--end', '2026-03-02', '--json'], { cwd: repo, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).accounts['sfm-law'].gpuHours).toBe(96);
    const missing = spawnSync('node', [bin, 'usage', 'summarize', '--file', 'no/such.json'], { cwd: repo, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no/such.json: cannot read the file: ENOENT');
  });
});
