import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { seoulMidnight } from '@stagegate/core/shared/seoul-time';
import { createTestServer, signIn } from '../support/test-context.ts';
import { allocationChangeRequests, tasks, usageDaily, usageImports } from '../../src/db/schema/index.ts';
import { importSacct, UsageWindowError } from '../../src/usage/import-sacct.ts';
import { syntheticSacct } from '../../src/adapters/sacct/synthetic-sacct.ts';
import { SacctFormatError } from '../../src/adapters/sacct/sacct-format-error.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string;
let applicant: string;
const dir = mkdtempSync(join(tmpdir(), 'sg-usage-'));

beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  applicant = await signIn(t.app, 'applicant@demo.stagegate.kr');
}, 120_000);
afterAll(() => t.dispose());

const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });
const taskId = async (key: string) => (await t.ctx.db.select().from(tasks).where(eq(tasks.key, key)))[0]!.id;
async function storedSeconds(key: string, first: string, last: string) {
  const [row] = await t.ctx.db
    .select({ s: sql<string>`coalesce(sum(${usageDaily.gpuSeconds}), 0)` })
    .from(usageDaily)
    .where(sql`${usageDaily.taskId} = ${await taskId(key)} and ${usageDaily.day} between ${first} and ${last}`);
  return Number(row!.s);
}

/** July 2026: sfm-01 at ~80 %, sfm-02 at ~20 %, plus an account no task owns. */
const july = syntheticSacct(
  [
    { account: 'sg-specialized-fm-sfm-01', users: ['medi01', 'medi02'], gpus: 64, utilisation: 0.8 },
    { account: 'sg-specialized-fm-sfm-02', users: ['legal01'], gpus: 32, utilisation: 0.2 },
    { account: 'physics', users: ['prof'], gpus: 8, utilisation: 0.5 },
  ],
  '2026-07-01',
  '2026-07-31',
  7,
);
const julyFile = join(dir, 'july.json');
writeFileSync(julyFile, JSON.stringify(july, null, 1));
const window = { start: seoulMidnight('2026-07-01'), end: seoulMidnight('2026-08-01') };
const expectedSeconds = (account: string) => july.jobs.filter((j) => j.account === account).reduce((s, j) => s + 8 * j.time.elapsed, 0);

describe('usage import through the database', () => {
  it('stores GPU-seconds per task, user and Seoul day that add up to the jobs', async () => {
    const report = await importSacct(t.ctx.db, null, julyFile, window, 'test');
    expect(report).toMatchObject({ firstDay: '2026-07-01', lastDay: '2026-07-31', jobsRead: july.jobs.length, unmappedAccounts: ['physics'] });
    expect(await storedSeconds('sfm-01', '2026-07-01', '2026-07-31')).toBe(expectedSeconds('sg-specialized-fm-sfm-01'));
    expect(await storedSeconds('sfm-02', '2026-07-01', '2026-07-31')).toBe(expectedSeconds('sg-specialized-fm-sfm-02'));
    const users = await t.ctx.db
      .selectDistinct({ u: usageDaily.clusterUsername })
      .from(usageDaily)
      .where(sql`${usageDaily.taskId} = ${await taskId('sfm-01')} and ${usageDaily.day} between '2026-07-01' and '2026-07-31'`);
    expect(users.map((u) => u.u).sort()).toEqual(['medi01', 'medi02']);
    const perUser = (u: string) =>
      july.jobs.filter((j) => j.user === u && j.account === 'sg-specialized-fm-sfm-01').reduce((s, j) => s + 8 * j.time.elapsed, 0);
    const [medi02] = await t.ctx.db
      .select({ s: sql<string>`sum(${usageDaily.gpuSeconds})` })
      .from(usageDaily)
      .where(sql`${usageDaily.clusterUsername} = 'medi02' and ${usageDaily.day} between '2026-07-01' and '2026-07-31'`);
    expect(Number(medi02!.s)).toBe(perUser('medi02'));
  });

  it('re-importing the same window replaces, never doubles', async () => {
    const before = await t.ctx.db.select({ n: count() }).from(usageDaily);
    const second = await importSacct(t.ctx.db, null, julyFile, window, 'test again');
    expect(second.rowsReplaced).toBe(second.rowsWritten);
    expect(await storedSeconds('sfm-01', '2026-07-01', '2026-07-31')).toBe(expectedSeconds('sg-specialized-fm-sfm-01'));
    expect(await t.ctx.db.select({ n: count() }).from(usageDaily)).toEqual(before);
  });

  it('an overlapping later import wins for the days it covers and leaves the others', async () => {
    const lateJuly = syntheticSacct([{ account: 'sg-specialized-fm-sfm-01', users: ['medi01'], gpus: 8, utilisation: 1 }], '2026-07-30', '2026-08-02', 9);
    const file = join(dir, 'late.json');
    writeFileSync(file, JSON.stringify(lateJuly));
    await importSacct(t.ctx.db, null, file, { start: seoulMidnight('2026-07-30'), end: seoulMidnight('2026-08-03') }, 'test late');
    const kept = july.jobs
      .filter((j) => j.account === 'sg-specialized-fm-sfm-01' && j.time.start < seoulMidnight('2026-07-30'))
      .reduce((s, j) => s + 8 * j.time.elapsed, 0);
    expect(await storedSeconds('sfm-01', '2026-07-01', '2026-07-29')).toBe(kept);
    expect(await storedSeconds('sfm-01', '2026-07-30', '2026-08-02')).toBe(lateJuly.jobs.reduce((s, j) => s + 8 * j.time.elapsed, 0));
    expect(await storedSeconds('sfm-02', '2026-07-30', '2026-07-31')).toBe(0);
  });

  it('imports nothing from a malformed file and says where the problem is', async () => {
    const bad = JSON.parse(JSON.stringify(july));
    bad.jobs[40].time.end = 'soon';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad, null, 1));
    const imports = await t.ctx.db.select({ n: count() }).from(usageImports);
    const rows = await t.ctx.db.select({ n: count() }).from(usageDaily);
    const err = await importSacct(t.ctx.db, null, file, window, 'bad').catch((e) => e);
    expect(err).toBeInstanceOf(SacctFormatError);
    expect(err.message).toMatch(/^line \d+, column \d+ \(byte \d+\): jobs\[40\]\.time\.end/);
    expect(await t.ctx.db.select({ n: count() }).from(usageImports)).toEqual(imports);
    expect(await t.ctx.db.select({ n: count() }).from(usageDaily)).toEqual(rows);
    await expect(importSacct(t.ctx.db, null, julyFile, { start: window.start + 3600, end: window.end }, 'x')).rejects.toBeInstanceOf(UsageWindowError);
  });
});

describe('usage dashboards', () => {
  it("charts a task's phase: used vs entitled, utilisation and the forecast to the phase end", async () => {
    const id = await taskId('sfm-02');
    const res = await call(operator, 'GET', `/api/v1/tasks/${id}/usage?phase=phase-2&asOf=2026-06-01T00:00:00%2B09:00`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // the demo import: April and May at about 30 % of 256 GPUs
    const [row] = await t.ctx.db
      .select({ s: sql<string>`sum(${usageDaily.gpuSeconds})` })
      .from(usageDaily)
      .where(sql`${usageDaily.taskId} = ${id} and ${usageDaily.day} between '2026-04-01' and '2026-05-31'`);
    expect(body.usedGpuHours).toBeCloseTo(Number(row!.s) / 3600, 1);
    expect(body.forecast.utilisation).toBeGreaterThan(0.2);
    expect(body.forecast.utilisation).toBeLessThan(0.4);
    expect(body.forecast.status).toBe('under');
    expect(body.series).toHaveLength(162);
    expect(body.series[0]).toMatchObject({ day: '2026-04-01', entitled: 256 * 24 });
    expect(body.series.find((p: { day: string }) => p.day === '2026-05-31').used).toBeCloseTo(body.usedGpuHours, 0);
    expect(body.series.find((p: { day: string }) => p.day === '2026-06-01').used).toBeNull();
    expect(body.series.at(-1).forecast).toBeCloseTo(body.forecast.projectedGpuSeconds / 3600, 0);

    expect((await call(applicant, 'GET', `/api/v1/tasks/${id}/usage`)).statusCode).toBe(403);
    expect((await call(applicant, 'GET', `/api/v1/tasks/${await taskId('sfm-01')}/usage?phase=phase-2`)).statusCode).toBe(200);
    const list = await call(applicant, 'GET', '/api/v1/programs/specialized-fm/usage?phase=phase-2&asOf=2026-06-01T00:00:00%2B09:00');
    expect(list.json().tasks.map((r: { taskKey: string }) => r.taskKey)).toEqual(['sfm-01']);
  });

  it('runs the under-use policy and files one reclaim request for the operator to approve', async () => {
    const set = await call(operator, 'PUT', '/api/v1/programs/specialized-fm/under-use-policy', {
      policy: { graceSeconds: 2_592_000, warnBelow: 0.5, reclaimBelow: 0.4, reclaimShareOfIdle: 0.5, gpuGranularity: 8 },
      reason: '운영 지침',
    });
    expect(set.statusCode).toBe(200);
    expect(
      (
        await call(operator, 'PUT', '/api/v1/programs/specialized-fm/under-use-policy', {
          policy: { graceSeconds: 0, warnBelow: 0.3, reclaimBelow: 0.5, reclaimShareOfIdle: 0.5, gpuGranularity: 8 },
          reason: 'x',
        })
      ).json().error.field,
    ).toBe('policy.reclaimBelow');
    const evaluate = (body: object) =>
      call(operator, 'POST', '/api/v1/programs/specialized-fm/under-use/evaluate', { asOf: '2026-06-01T00:00:00+09:00', ...body });
    const pendingReclaims = async () => (await t.ctx.db.select().from(allocationChangeRequests).where(eq(allocationChangeRequests.status, 'pending'))).length;
    const pendingBefore = await pendingReclaims();

    // the preview names who would lose how many GPUs from when, and files nothing
    const preview = (await evaluate({ mode: 'preview' })).json();
    const previewed = preview.results.find((r: { taskKey: string }) => r.taskKey === 'sfm-02');
    expect(previewed.changeRequestId).toBeNull();
    expect(previewed.reclaim.request).toMatchObject({ kind: 'reclaim', effectiveFrom: '2026-06-02' });
    expect(previewed.reclaim.request.removeGpus).toBeGreaterThan(0);
    expect(
      previewed.reclaim.changes.some((c: { taskKey: string; after: { start: string } | null }) => c.taskKey === 'sfm-02' && c.after?.start === '2026-06-02'),
    ).toBe(true);
    expect(await pendingReclaims()).toBe(pendingBefore);

    // a commit without the operator's reason is refused, naming the field, and files nothing
    const unreasoned = await evaluate({ mode: 'commit', reason: ' ' });
    expect(unreasoned.statusCode).toBe(422);
    expect(unreasoned.json().error.field).toBe('reason');
    expect(await pendingReclaims()).toBe(pendingBefore);

    const run = async () => (await evaluate({ mode: 'commit', reason: '6월 사용률 점검 결과' })).json();
    const first = await run();
    const sfm02 = first.results.find((r: { taskKey: string }) => r.taskKey === 'sfm-02');
    expect(sfm02.level).toBe('reclaim');
    expect(sfm02.changeRequestId).toBeTruthy();
    expect(first.results.find((r: { taskKey: string }) => r.taskKey === 'sfm-01').level).toBe('ok');
    const [req] = await t.ctx.db.select().from(allocationChangeRequests).where(eq(allocationChangeRequests.id, sfm02.changeRequestId));
    expect(req).toMatchObject({ kind: 'reclaim', status: 'pending', origin: 'under-use-policy' });
    expect(req!.request).toMatchObject({ effectiveFrom: '2026-06-02' });
    expect(req!.explanation!.ko).toContain('회수');
    expect(req!.reason).toBe('6월 사용률 점검 결과');
    expect(req!.request).toEqual(previewed.reclaim.request);
    // a second run does not file a second request while one waits
    expect((await run()).results.find((r: { taskKey: string }) => r.taskKey === 'sfm-02').changeRequestId).toBeNull();
  });

  it('exports usage per task and month with Korean headers', async () => {
    const res = await call(operator, 'GET', '/api/v1/programs/specialized-fm/usage/export');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '과제 키',
      '과제명',
      '월',
      '사용 GPU시간',
      '배정 GPU시간',
      '사용률(%)',
      '사용자 수',
      '작업 수(일별 합)',
    ]);
    const rows = (ws.getSheetValues() as unknown[][]).slice(2).map((r) => r.slice(1));
    const april = rows.find((r) => r[0] === 'sfm-01' && r[2] === '2026-04')!;
    expect(april[1]).toBe('데모 의료 특화 모델 컨소시엄');
    expect(april[4]).toBe(256 * 30 * 24);
    expect(april[3]).toBeCloseTo((await storedSeconds('sfm-01', '2026-04-01', '2026-04-30')) / 3600, 1);
  });

  it('imports an uploaded sacct document through the API and refuses a malformed one with its position', async () => {
    const bad = await call(operator, 'POST', '/api/v1/usage/imports', { sacct: { jobs: [{ job_id: 1, account: 'a', user: 'u', time: { start: 'x' } }] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toContain('jobs[0].time.start');
    const ok = await call(operator, 'POST', '/api/v1/usage/imports', {
      sacct: syntheticSacct([{ account: 'sg-specialized-fm-sfm-01', users: ['medi01'], gpus: 8, utilisation: 0.5 }], '2026-09-01', '2026-09-02', 3),
      start: '2026-09-01',
      end: '2026-09-03',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ firstDay: '2026-09-01', lastDay: '2026-09-02', unmappedAccounts: [] });
  });
});
