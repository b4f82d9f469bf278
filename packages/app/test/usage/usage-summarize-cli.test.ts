import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
    const h = (hours: number, jobs: number) => ({ gpuSeconds: hours * 3600, gpuMinutes: hours * 60, gpuHours: hours, jobs });
    expect(JSON.parse(r.out)).toEqual({
      accounts: { 'sfm-law': h(96, 2), 'sfm-med': h(41, 3) },
      users: { kim: h(33, 2), lee: h(8, 1), park: h(96, 2) },
      jobsRead: 8,
      notCharged: {
        count: 1,
        byReason: { 'never-started': 1 },
        jobs: [{ jobId: '1005', account: 'sfm-law', user: 'choi', state: 'PENDING', gpus: 8, reason: 'never-started' }],
      },
    });
  });

  it('17.3 never rounds in --json: exact GPU-seconds, whole GPU-minutes, hours at full precision', async () => {
    // 15:00:00Z–15:00:17Z: only job 1002 (8 GPUs) runs → 136 GPU-seconds = 2 min 16 s = 0.03777… h
    const r = await run('--file', join(repo, fixture), '--start', '2026-02-28T15:00:00Z', '--end', '2026-02-28T15:00:17Z', '--json');
    const lee = JSON.parse(r.out).users.lee;
    expect(lee).toEqual({ gpuSeconds: 136, gpuMinutes: 2, gpuHours: 136 / 3600, jobs: 1 });
    expect(Number.isInteger(lee.gpuMinutes)).toBe(true);
    expect(lee.gpuHours).not.toBe(0.0378);
    // the table for people rounds
    const table = await run('--file', join(repo, fixture), '--start', '2026-02-28T15:00:00Z', '--end', '2026-02-28T15:00:17Z');
    expect(table.out).toMatch(/^lee\s+0\.0378\s+1$/m);
  });

  describe('17.1 the same file gives the same totals on any day', () => {
    afterEach(() => vi.useRealTimers());
    const states = join(repo, 'packages/app/test/fixtures/sacct/sacct-22.05-states.json');

    it("with and without a window, whatever the reader's clock says", async () => {
      const outputs: string[] = [];
      for (const today of ['2026-03-01T12:00:00Z', '2027-01-01T00:00:00Z', '2031-06-15T08:30:00Z']) {
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(new Date(today));
        outputs.push((await run('--file', states, '--json')).out + (await run('--file', states, '--start', '2026-03-01', '--end', '2026-03-02', '--json')).out);
        vi.useRealTimers();
      }
      expect(new Set(outputs).size).toBe(1);
      const whole = JSON.parse((await run('--file', states, '--json')).out);
      expect(whole.users.kim.gpuSeconds).toBe(20615); // the NODE_FAIL job: ≈ 5.73 GPU-hours, not years
      expect(whole.notCharged.jobs.map((j: { jobId: string }) => j.jobId)).toEqual(['2002', '2004']);
    });

    it('names the jobs charged nothing and why in the table', async () => {
      const r = await run('--file', states);
      expect(r.code).toBe(0);
      expect(r.out).toContain('2 GPU job(s) charged nothing:');
      expect(r.out).toContain('job 2002 (sfm-law/park, CANCELLED, 4 GPUs): never started');
    });
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
    const text = readFileSync(join(repo, fixture), 'utf8').replace('"elapsed": 1800', '"elapsed": "30m"');
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
    const ok = spawnSync('node', [bin, 'usage', 'summarize', '--file', fixture, '--start', '2026-03-01', '--end', '2026-03-02', '--json'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).accounts['sfm-law'].gpuHours).toBe(96);
    const missing = spawnSync('node', [bin, 'usage', 'summarize', '--file', 'no/such.json'], { cwd: repo, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no/such.json: cannot read the file: ENOENT');
  });
});
