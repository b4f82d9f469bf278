import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskAccountName } from '@stagegate/core/slurm/names';
import { tasks, usageDaily } from '../../src/db/schema/index.ts';
import { runNextJob } from '../../src/jobs/worker.ts';
import { syntheticSacct } from '../../src/adapters/sacct/synthetic-sacct.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

// The office pulls usage from the cluster in the browser (issue 15 item 1): the preview job runs
// sacct; the commit job stores what that preview showed, not a later sacct answer. A stand-in for
// sacct (the real one runs in test:slurm) answers with a different document each time it is run.

let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string;
let dir: string;
const DAYS = { first: '2026-08-05', last: '2026-08-06' };
const account = taskAccountName('specialized-fm', 'sfm-01');
// the first answer: 32 GPUs busy a quarter of the time; every later answer: all 64 all the time
const first = syntheticSacct([{ account, users: ['kim'], gpus: 32, utilisation: 0.25 }], DAYS.first, DAYS.last, 3);
const later = syntheticSacct([{ account, users: ['kim'], gpus: 64, utilisation: 1 }], DAYS.first, DAYS.last, 4);
const gpuHours = (doc: typeof first) => doc.jobs.reduce((s, j) => s + 8 * j.time.elapsed, 0) / 3600;

beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  dir = mkdtempSync(join(tmpdir(), 'sg-pull-'));
  writeFileSync(join(dir, 'first.json'), JSON.stringify(first));
  writeFileSync(join(dir, 'later.json'), JSON.stringify(later));
  // counts its runs and prints the first answer once, the later one after
  writeFileSync(
    join(dir, 'sacct'),
    `#!/bin/sh\necho "$@" >> '${join(dir, 'runs.txt')}'\nif [ -f '${join(dir, 'answered')}' ]; then cat '${join(dir, 'later.json')}'; else touch '${join(dir, 'answered')}'; cat '${join(dir, 'first.json')}'; fi\n`,
  );
  chmodSync(join(dir, 'sacct'), 0o755);
  // this server speaks to a cluster through the stand-in, not to the emulator
  t.ctx.config.slurm = { ...t.ctx.config.slurm, emulator: undefined, binDir: dir, prefix: [] };
}, 120_000);
afterAll(async () => {
  await t.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: { cookie: operator } });
const jobView = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/usage/import-jobs/${id}`, headers: { cookie: operator } })).json().job;
async function runJobs() {
  for (let i = 0; i < 10; i++) if ((await runNextJob(t.ctx, 'test-worker')) === 'idle') return;
}
const sacctRuns = () => readFileSync(join(dir, 'runs.txt'), 'utf8').trim().split('\n');

async function sfm01HoursStored() {
  const [sfm01] = await t.ctx.db.select().from(tasks).where(eq(tasks.key, 'sfm-01'));
  const [row] = await t.ctx.db
    .select({ s: sql<number>`coalesce(sum(${usageDaily.gpuSeconds}), 0)::float8` })
    .from(usageDaily)
    .where(and(gte(usageDaily.day, DAYS.first), lte(usageDaily.day, DAYS.last), eq(usageDaily.taskId, sfm01!.id)));
  return Number(row!.s) / 3600;
}

describe('usage pulled from the cluster, as jobs', () => {
  let previewId: string;

  it('previews what sacct answers for the days asked, in UTC, with its progress', async () => {
    const res = await post('/api/v1/usage/import-jobs', { mode: 'preview', source: { kind: 'slurm' }, start: DAYS.first, end: '2026-08-07' });
    expect(res.statusCode, res.body).toBe(202);
    previewId = res.json().job.id;
    await runJobs();
    const job = await jobView(previewId);
    expect(job.status, job.error).toBe('done');
    expect(sacctRuns()).toEqual(['--json -X --allusers --starttime=2026-08-04T15:00:00 --endtime=2026-08-06T15:00:00']);
    expect(job.progress).toMatchObject({ phase: 'comparing' });
    expect(job.result).toMatchObject({ mode: 'preview', firstDay: DAYS.first, lastDay: DAYS.last, jobsRead: first.jobs.length });
    expect(job.result.source).toBe('sacct 2026-08-04T15:00:00Z..2026-08-06T15:00:00Z');
    const sfm01 = job.result.changes.find((c: { task: string }) => c.task === 'sfm-01');
    expect(sfm01.afterGpuHours).toBeCloseTo(gpuHours(first), 1);
  });

  it('commits the answer the preview showed, even though sacct would now answer with more', async () => {
    const res = await post('/api/v1/usage/import-jobs', { mode: 'commit', previewJobId: previewId, reason: '8월 5–6일 클러스터 기록' });
    expect(res.statusCode, res.body).toBe(202);
    await runJobs();
    const job = await jobView(res.json().job.id);
    expect(job.status, job.error).toBe('done');
    expect(sacctRuns()).toHaveLength(1);
    expect(await sfm01HoursStored()).toBeCloseTo(gpuHours(first), 6);
    expect(gpuHours(later)).toBeGreaterThan(gpuHours(first) * 2);
  });

  it('a new preview pulls again and shows the cluster’s answer of now', async () => {
    const res = await post('/api/v1/usage/import-jobs', { mode: 'preview', source: { kind: 'slurm' }, start: DAYS.first, end: '2026-08-07' });
    await runJobs();
    const job = await jobView(res.json().job.id);
    expect(job.status, job.error).toBe('done');
    expect(sacctRuns()).toHaveLength(2);
    const sfm01 = job.result.changes.find((c: { task: string }) => c.task === 'sfm-01');
    expect(sfm01.beforeGpuHours).toBeCloseTo(gpuHours(first), 1);
    expect(sfm01.afterGpuHours).toBeCloseTo(gpuHours(later), 1);
  });
});
