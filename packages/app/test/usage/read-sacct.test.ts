import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSacctJobs, summarizeSacct } from '../../src/adapters/sacct/read-sacct.ts';
import { SacctFormatError } from '../../src/adapters/sacct/sacct-format-error.ts';

const path22 = new URL('../fixtures/sacct/sacct-22.05.json', import.meta.url).pathname;
const text22 = readFileSync(path22, 'utf8');
const W0 = Date.UTC(2026, 1, 28, 15) / 1000; // 2026-03-01T00:00+09:00
const H = 3600;
const day = { start: W0, end: W0 + 24 * H };

async function* chunks(text: string, size: number) {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('summarising a sacct --json file', () => {
  it('charges each job once, clipped to the window, per account, user and Seoul day', async () => {
    const s = await summarizeSacct(path22, day);
    expect(s.accounts).toEqual({ 'sfm-law': { gpuSeconds: 96 * H, jobs: 2 }, 'sfm-med': { gpuSeconds: 41 * H, jobs: 3 } });
    expect(s.users).toEqual({ kim: { gpuSeconds: 33 * H, jobs: 2 }, lee: { gpuSeconds: 8 * H, jobs: 1 }, park: { gpuSeconds: 96 * H, jobs: 2 } });
    expect(s.daily.map((r) => [r.account, r.user, r.day, r.gpuSeconds / H])).toEqual([
      ['sfm-law', 'park', '2026-03-01', 96],
      ['sfm-med', 'kim', '2026-03-01', 33],
      ['sfm-med', 'lee', '2026-03-01', 8],
    ]);
    expect(s.jobsRead).toBe(8);
  });

  it('charges a running job only up to when the dump was taken, when the caller knows it (it ran sacct)', async () => {
    const s = await summarizeSacct(path22, day, W0 + 21 * H);
    expect(s.users.park!.gpuSeconds).toBe((64 * 1 + 8 * 1) * H);
  });

  it('17.1 charges finished jobs by elapsed, never-started ones 0 (listed with why), running ones to the window end', async () => {
    const states = new URL('../fixtures/sacct/sacct-22.05-states.json', import.meta.url).pathname;
    const s = await summarizeSacct(states, day);
    expect(s.users).toEqual({ choi: { gpuSeconds: 8 * 2 * H, jobs: 1 }, kim: { gpuSeconds: 20615, jobs: 1 }, lee: { gpuSeconds: 2 * 3 * H, jobs: 1 } });
    expect(s.notCharged).toEqual({
      count: 2,
      byReason: { 'never-started': 2 },
      jobs: [
        { jobId: '2002', account: 'sfm-law', user: 'park', state: 'CANCELLED', gpus: 4, reason: 'never-started' },
        { jobId: '2004', account: 'sfm-med', user: 'lee', state: 'PENDING', gpus: 16, reason: 'never-started' },
      ],
    });
    // without a window the running job is charged up to when sacct wrote the file: its 1800 s of elapsed
    const whole = await summarizeSacct(states, { start: -Infinity, end: Infinity });
    expect(whole.users.choi).toEqual({ gpuSeconds: 8 * 1800, jobs: 1 });
    expect(whole.users.kim).toEqual({ gpuSeconds: 20615, jobs: 1 });
  });

  it('17.2 reads every sacct --json shape from Slurm 21.08 to 24.11 to the same summary', async () => {
    const want = await summarizeSacct(path22, day);
    for (const v of ['21.08', '23.02', '23.11', '24.05', '24.11']) {
      const path = new URL(`../fixtures/sacct/sacct-${v}.json`, import.meta.url).pathname;
      expect(await summarizeSacct(chunks(readFileSync(path, 'utf8'), 333), day), v).toEqual(want);
    }
    expect(want.accounts).toEqual({ 'sfm-law': { gpuSeconds: 96 * H, jobs: 2 }, 'sfm-med': { gpuSeconds: 41 * H, jobs: 3 } });
  });

  it('gives the same answer from a stream in small chunks as from the file', async () => {
    const fromFile = await summarizeSacct(path22, day, W0 + 40 * H);
    expect(await summarizeSacct(chunks(text22, 7), day, W0 + 40 * H)).toEqual(fromFile);
  });

  it('reads the 24.05 shape to the same summary', async () => {
    const path24 = new URL('../fixtures/sacct/sacct-24.05.json', import.meta.url).pathname;
    expect(await summarizeSacct(path24, day, W0 + 40 * H)).toEqual(await summarizeSacct(path22, day, W0 + 40 * H));
  });
});

describe('a malformed file', () => {
  const lineCol = (text: string, index: number) => {
    const before = text.slice(0, index);
    return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
  };

  it('names the job field with the wrong type and where that job starts', async () => {
    const bad = text22.replace('"elapsed": 10800', '"elapsed": "3h"'); // job 1002, the second
    const secondJob = bad.lastIndexOf('\n    {', bad.indexOf('"job_id": 1002')) + 5;
    const err = await summarizeSacct(chunks(bad, 4096), day).catch((e) => e);
    expect(err).toBeInstanceOf(SacctFormatError);
    expect(err.field).toBe('jobs[1].time.elapsed');
    expect(err.reason).toContain('expected a number');
    expect(err.position).toEqual({ offset: secondJob, ...lineCol(bad, secondJob) });
  });

  it('gives the exact line and column of a syntax error', async () => {
    const bad = text22.replace('"name": "pretrain-law-32b",', '"name": "pretrain-law-32b"');
    const at = bad.indexOf('"mcs"', bad.indexOf('"pretrain-law-32b"'));
    const err = await summarizeSacct(chunks(bad, 1000), day).catch((e) => e);
    expect(err.field).toBe('jobs[2]');
    expect(err.position).toEqual({ offset: at, ...lineCol(bad, at) });
  });

  it('yields nothing from summarizeSacct although earlier jobs were readable one by one', async () => {
    const cut = text22.slice(0, text22.lastIndexOf('"working_directory"'));
    const seen: string[] = [];
    const streamed = (async () => {
      for await (const job of readSacctJobs(chunks(cut, 512))) seen.push(job.jobId);
    })();
    await expect(streamed).rejects.toThrow(/unexpected end of input/);
    expect(seen.length).toBe(7); // the streaming reader is honest about what it read …
    await expect(summarizeSacct(chunks(cut, 512), day)).rejects.toThrow(/jobs\[7\]: unexpected end of input/); // … the summary is all or nothing
  });

  it('refuses output in which sacct itself reported errors', async () => {
    const withErrors = text22.replace('"errors": []', '"errors": [{"error": "Unable to query slurmdbd", "error_number": 1}]');
    await expect(summarizeSacct(chunks(withErrors, 999), day)).rejects.toThrow(/sacct reported errors: .*Unable to query slurmdbd/);
  });

  it('says when the file cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sacct-'));
    await expect(summarizeSacct(join(dir, 'missing.json'), day)).rejects.toThrow(/cannot read .*ENOENT/);
    writeFileSync(join(dir, 'empty.json'), '');
    await expect(summarizeSacct(join(dir, 'empty.json'), day)).rejects.toThrow(/unexpected end of input/);
  });
});
