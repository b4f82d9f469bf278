import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskAccountName } from '@stagegate/core/slurm/names';
import { auditLog, jobs, tasks, usageDaily } from '../../src/db/schema/index.ts';
import { runNextJob } from '../../src/jobs/worker.ts';
import { syntheticSacct } from '../../src/adapters/sacct/synthetic-sacct.ts';
import { multipart } from '../evaluation-api/multipart.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

// The office imports usage from the browser (issue 15 item 1, issue 19 item 7): upload, a preview
// job that changes nothing, a commit job that stores exactly the previewed source, once.

let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string;
const DAYS = { first: '2026-08-01', last: '2026-08-02' };
// sfm-01 only, on two days the demo's generated usage already covers
const doc = syntheticSacct([{ account: taskAccountName('specialized-fm', 'sfm-01'), users: ['kim'], gpus: 64, utilisation: 0.5 }], DAYS.first, DAYS.last, 7);
const fileGpuHours = doc.jobs.reduce((s, j) => s + 8 * j.time.elapsed, 0) / 3600;

beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
}, 120_000);
afterAll(() => t.dispose());

const post = (url: string, payload: object, cookie = operator) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
const getJobView = async (id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/usage/import-jobs/${id}`, headers: { cookie: operator } })).json().job;

async function upload(body: string | Uint8Array, fileName = 'august.json') {
  const { payload, headers } = multipart([{ name: 'file', value: body, fileName }]);
  return t.app.inject({ method: 'POST', url: '/api/v1/usage/uploads', payload, headers: { ...headers, cookie: operator } });
}

async function runJobs() {
  for (let i = 0; i < 10; i++) if ((await runNextJob(t.ctx, 'test-worker')) === 'idle') return;
}

async function storedOnDays() {
  const [sfm01] = await t.ctx.db.select().from(tasks).where(eq(tasks.key, 'sfm-01'));
  const where = and(gte(usageDaily.day, DAYS.first), lte(usageDaily.day, DAYS.last));
  const [all] = await t.ctx.db
    .select({ n: sql<number>`count(*)::int`, s: sql<number>`coalesce(sum(${usageDaily.gpuSeconds}), 0)::float8` })
    .from(usageDaily)
    .where(where);
  const [own] = await t.ctx.db
    .select({ s: sql<number>`coalesce(sum(${usageDaily.gpuSeconds}), 0)::float8` })
    .from(usageDaily)
    .where(and(where, eq(usageDaily.taskId, sfm01!.id)));
  return { rows: all!.n, gpuSeconds: Number(all!.s), sfm01Hours: Number(own!.s) / 3600 };
}

async function preview(sha256: string) {
  const res = await post('/api/v1/usage/import-jobs', {
    mode: 'preview',
    source: { kind: 'upload', sha256, fileName: 'august.json' },
    start: DAYS.first,
    end: '2026-08-03',
  });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().job.id as string;
}

describe('usage import from the browser, as jobs', () => {
  let sha256: string;
  let previewId: string;
  let before: Awaited<ReturnType<typeof storedOnDays>>;

  it('keeps an uploaded sacct --json file and refuses what is not one, naming the file', async () => {
    const res = await upload(JSON.stringify(doc));
    expect(res.statusCode, res.body).toBe(201);
    sha256 = res.json().upload.sha256;
    expect(res.json().upload).toMatchObject({ fileName: 'august.json', sizeBytes: Buffer.byteLength(JSON.stringify(doc)) });
    const pdf = await upload('%PDF-1.7 not usage', 'report.pdf');
    expect(pdf.statusCode).toBe(422);
    expect(pdf.json().error.field).toBe('file');
    expect(pdf.json().error.issues[0].message.ko).toContain('sacct --json 파일이 아닙니다');
  });

  it('previews in a job: per task, the covered days’ GPU-hours now and after; nothing is stored', async () => {
    before = await storedOnDays();
    expect(before.rows).toBeGreaterThan(0);
    previewId = await preview(sha256);
    expect((await getJobView(previewId)).status).toBe('queued');
    await runJobs();
    const job = await getJobView(previewId);
    expect(job.status, job.error).toBe('done');
    expect(job.result).toMatchObject({ mode: 'preview', firstDay: DAYS.first, lastDay: DAYS.last, jobsRead: doc.jobs.length, unmappedCount: 0 });
    const sfm01 = job.result.changes.find((c: { task: string }) => c.task === 'sfm-01');
    expect(sfm01.beforeGpuHours).toBeCloseTo(before.sfm01Hours, 1);
    expect(sfm01.afterGpuHours).toBeCloseTo(fileGpuHours, 1);
    // sfm-02 had usage on those days; the file has none for it, and the import replaces whole days
    const sfm02 = job.result.changes.find((c: { task: string }) => c.task === 'sfm-02');
    expect(sfm02.beforeGpuHours).toBeGreaterThan(0);
    expect(sfm02.afterGpuHours).toBe(0);
    expect(await storedOnDays()).toEqual(before);
  });

  it('commits exactly the previewed file in a second job, audited with the reason, and only once', async () => {
    const res = await post('/api/v1/usage/import-jobs', { mode: 'commit', previewJobId: previewId, reason: '8월 초 사용량 재집계' });
    expect(res.statusCode, res.body).toBe(202);
    const commitId = res.json().job.id;
    const twice = await post('/api/v1/usage/import-jobs', { mode: 'commit', previewJobId: previewId });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.field).toBe('previewJobId');
    await runJobs();
    const job = await getJobView(commitId);
    expect(job.status, job.error).toBe('done');
    expect(job.result).toMatchObject({ mode: 'commit', rowsReplaced: before.rows });
    const after = await storedOnDays();
    expect(after.sfm01Hours).toBeCloseTo(fileGpuHours, 6);
    expect(after.gpuSeconds).toBeCloseTo(fileGpuHours * 3600, 3);
    const [request] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'usage.import.request'), eq(auditLog.objectId, commitId)));
    expect(request!.reason).toBe('8월 초 사용량 재집계');
    const imports = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'usage.import'), eq(auditLog.objectId, job.result.importId)));
    expect(imports).toHaveLength(1);
  });

  it('refuses to commit a preview whose days changed meanwhile: the job fails and nothing is stored twice', async () => {
    const stale = await preview(sha256);
    const fresh = await preview(sha256);
    await runJobs();
    expect((await post('/api/v1/usage/import-jobs', { mode: 'commit', previewJobId: fresh })).statusCode).toBe(202);
    await runJobs();
    const between = await storedOnDays();
    const late = await post('/api/v1/usage/import-jobs', { mode: 'commit', previewJobId: stale });
    expect(late.statusCode).toBe(202);
    await runJobs();
    const job = await getJobView(late.json().job.id);
    expect(job.status).toBe('failed');
    expect(job.error).toContain('changed since the preview');
    expect(await storedOnDays()).toEqual(between);
  });

  it('says what is wrong with the request, by field', async () => {
    const notMidnight = await post('/api/v1/usage/import-jobs', {
      mode: 'preview',
      source: { kind: 'upload', sha256, fileName: 'a.json' },
      start: '2026-08-01T12:00:00+09:00',
      end: '2026-08-03',
    });
    expect(notMidnight.statusCode).toBe(422);
    expect(notMidnight.json().error.field).toBe('start');
    const unknown = await post('/api/v1/usage/import-jobs', { mode: 'preview', source: { kind: 'upload', sha256: 'a'.repeat(64), fileName: 'a.json' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.field).toBe('source');
    // the test server talks to an emulated cluster, which keeps no accounting to pull
    const pull = await post('/api/v1/usage/import-jobs', { mode: 'preview', source: { kind: 'slurm' }, start: DAYS.first, end: '2026-08-03' });
    expect(pull.statusCode).toBe(422);
    expect(pull.json().error.field).toBe('source');
    const queued = await preview(sha256);
    const early = await post('/api/v1/usage/import-jobs', { mode: 'commit', previewJobId: queued });
    expect(early.statusCode).toBe(409);
    const [otherKind] = await t.ctx.db.insert(jobs).values({ kind: 'slurm.apply', payload: {} }).returning();
    expect((await post('/api/v1/usage/import-jobs', { mode: 'commit', previewJobId: otherKind!.id })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/usage/import-jobs/${otherKind!.id}`, headers: { cookie: operator } })).statusCode).toBe(404);
  });
});
