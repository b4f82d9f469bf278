import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { applications, auditLog, jobs, organisations, usageDaily } from '../../src/db/schema/index.ts';
import { api, PROGRAM, signUp, type Api } from '../applications/support.ts';

// Issue 15 item 6: the office's lists across programs. Rows are written straight to the tables the
// lists read — the names are what an office would type into the search box.
let t: Awaited<ReturnType<typeof createTestServer>>;
let office: Api;
let applicant: Api;
const orgIds: string[] = [];
beforeAll(async () => {
  t = await createTestServer();
  office = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
  applicant = api(t.app, await signUp(t, 'lists@office-lists.test'));
  const names = ['한빛 의료AI', '누리 법률AI', '100% 국산 AI', '바다 물류AI', '가람 교육AI'];
  for (const [i, nameKo] of names.entries()) {
    const [org] = await t.ctx.db
      .insert(organisations)
      .values({ nameKo, nameEn: `Lists Org ${i}`, type: 'startup', country: 'KR' })
      .returning();
    orgIds.push(org!.id);
    const verdict = i === 1 ? { eligible: false } : { eligible: true };
    await t.ctx.db.insert(applications).values({
      programSlug: PROGRAM,
      callKey: 'lists-call',
      organisationId: org!.id,
      status: i === 4 ? 'draft' : 'submitted',
      receiptNo: i === 4 ? null : `LST-${i + 1}`,
      submittedAt: i === 4 ? null : new Date(Date.UTC(2026, 0, 10 + i)),
      verdict: (i === 4 ? null : verdict) as never,
      consortium: { lead: { organisationId: org!.id, name: nameKo }, participants: [] },
      proposal: { title: `${nameKo} 과제` },
    });
  }
}, 120_000);
afterAll(() => t.dispose());

type AppRow = { id: string; receiptNo: string | null; title: string; organisationName: string; status: string; eligible: boolean | null };
const list = async (query: string) => {
  const res = await office.get(`/api/v1/office/applications?call=lists-call&${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { applications: AppRow[]; total: number; page: number; pageSize: number };
};

describe('issue 15 item 6: the office’s list of applications', () => {
  it('finds an application by its title, its organisation’s name or its receipt number', async () => {
    expect((await list(`q=${encodeURIComponent('법률AI 과제')}`)).applications.map((a) => a.receiptNo)).toEqual(['LST-2']);
    expect((await list(`q=${encodeURIComponent('Lists Org 3')}`)).applications.map((a) => a.receiptNo)).toEqual(['LST-4']);
    expect((await list('q=lst-1')).applications.map((a) => a.title)).toEqual(['한빛 의료AI 과제']);
  });

  it('reads % in the search box as a character, not a wildcard', async () => {
    const found = await list(`q=${encodeURIComponent('100%')}`);
    expect(found.applications.map((a) => a.organisationName)).toEqual(['100% 국산 AI']);
    expect((await list(`q=${encodeURIComponent('%')}`)).total).toBe(1);
  });

  it('filters by status and by eligibility, a draft being not yet judged', async () => {
    expect((await list('status=draft')).applications.map((a) => a.title)).toEqual(['가람 교육AI 과제']);
    expect((await list('eligibility=ineligible')).applications.map((a) => a.receiptNo)).toEqual(['LST-2']);
    expect((await list('eligibility=undecided')).applications.map((a) => a.status)).toEqual(['draft']);
    expect((await list('eligibility=eligible')).total).toBe(3);
    expect((await office.get(`/api/v1/office/applications?program=k-ai&call=lists-call`)).body.total).toBe(0);
  });

  it('pages the newest submissions first with the total, and refuses a page larger than 100', async () => {
    const first = await list('pageSize=2&page=1');
    const second = await list('pageSize=2&page=2');
    const third = await list('pageSize=2&page=3');
    expect(first.total).toBe(5);
    expect(first.applications.map((a) => a.receiptNo)).toEqual(['LST-4', 'LST-3']);
    expect(second.applications.map((a) => a.receiptNo)).toEqual(['LST-2', 'LST-1']);
    expect(third.applications.map((a) => a.status)).toEqual(['draft']);
    const tooBig = await office.get('/api/v1/office/applications?pageSize=101');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.field).toBe('querystring.pageSize');
    expect((await office.get(`/api/v1/office/applications?q=${'x'.repeat(201)}`)).status).toBe(400);
  });

  it('exports what the filters match as an .xlsx with Korean headers', async () => {
    const res = await office.get(`/api/v1/office/applications/export?call=lists-call&status=submitted`);
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('접수번호');
    expect(ws.rowCount).toBe(1 + 4);
    expect(ws.getColumn(1).values.slice(2)).toEqual(['LST-4', 'LST-3', 'LST-2', 'LST-1']);
  });

  it('refuses an export above 10,000 rows with 413, saying how many matched and what to narrow', async () => {
    const [org] = await t.ctx.db.insert(organisations).values({ nameKo: '대량 기관', nameEn: 'Bulk org', type: 'startup', country: 'KR' }).returning();
    await t.ctx.db.execute(sql`insert into applications (program_slug, call_key, organisation_id, status, consortium, proposal)
      select ${PROGRAM}, 'bulk-call', ${org!.id}, 'draft', '{}'::jsonb, jsonb_build_object('title', '대량 ' || n) from generate_series(1, 10001) n`);
    const res = await office.get('/api/v1/office/applications/export?call=bulk-call');
    expect(res.status).toBe(413);
    expect(res.body.error.message).toContain('10001');
    expect(res.body.error.issues[0].message.ko).toContain('최대 10000건');
    expect((await office.get('/api/v1/office/applications?call=bulk-call&pageSize=100&page=101')).body.applications).toHaveLength(1);
    await t.ctx.db.delete(applications).where(eq(applications.callKey, 'bulk-call'));
  }, 60_000);
});

describe('issue 15 item 6: organisations, jobs and usage', () => {
  it('searches organisations and filters them by verification', async () => {
    const res = await office.get(`/api/v1/office/organisations?q=${encodeURIComponent('누리 법률')}`);
    expect(res.body.organisations.map((o: { nameKo: string }) => o.nameKo)).toEqual(['누리 법률AI']);
    const verified = await office.get('/api/v1/office/organisations?verification=verified&pageSize=100');
    expect(verified.body.organisations.every((o: { verificationStatus: string }) => o.verificationStatus === 'verified')).toBe(true);
    const unverified = await office.get('/api/v1/office/organisations?verification=unverified&pageSize=1');
    const all = await t.ctx.db.select().from(organisations).where(eq(organisations.verificationStatus, 'unverified'));
    expect(unverified.body.total).toBe(all.length);
    expect(unverified.body.organisations).toHaveLength(1);
  });

  it('lists jobs by state and kind, newest first', async () => {
    await t.ctx.db.insert(jobs).values([
      { kind: 'lists.test', payload: {}, status: 'failed', error: 'first' },
      { kind: 'lists.test', payload: {}, status: 'done' },
    ]);
    const failed = await office.get('/api/v1/office/jobs?kind=lists.test&state=failed');
    expect(failed.body.total).toBe(1);
    expect(failed.body.jobs[0].error).toBe('first');
    expect((await office.get('/api/v1/office/jobs?kind=lists.test')).body.total).toBe(2);
    expect((await office.get('/api/v1/office/jobs?state=lost')).status).toBe(400);
  });

  it('finds jobs by the error, by what they ran on and by id, not by the payload key every job shares', async () => {
    // words no other test's jobs hold: the suites may share one database
    const [upload] = await t.ctx.db
      .insert(jobs)
      .values([
        { kind: 'usage.import', payload: { mode: 'preview', source: { kind: 'upload', fileName: 'zq-sacct_%.json' } }, status: 'done' },
        { kind: 'slurm.apply', payload: { digest: 'abc' }, status: 'failed', error: 'sacctmgr: Unknown account zq-naver' },
      ])
      .returning();
    const search = async (q: string) => (await office.get(`/api/v1/office/jobs?q=${encodeURIComponent(q)}`)).body.jobs.map((j: { kind: string }) => j.kind);
    expect(await search('UNKNOWN ACCOUNT ZQ-')).toEqual(['slurm.apply']);
    expect(await search('zq-sacct_%')).toEqual(['usage.import']);
    // % and _ are characters here, not wildcards
    expect(await search('zq-sacct%')).toEqual([]);
    expect(await search('zq_sacct')).toEqual([]);
    expect(await search(upload!.id)).toEqual(['usage.import']);
    expect(await search('fileName')).toEqual([]);
    expect((await office.get(`/api/v1/office/jobs?q=${'x'.repeat(201)}`)).status).toBe(400);
  });

  it('walks usage with a cursor: pages meet without a gap or a repeat, and a made-up cursor is refused', async () => {
    const importId = '00000000-0000-4000-8000-0000000000bb';
    await t.ctx.db
      .insert(usageDaily)
      .values(
        ['2026-02-01', '2026-02-02', '2026-02-03'].flatMap((day) =>
          ['u1', 'u2'].map((u) => ({ account: 'lists-acct', clusterUsername: u, day, gpuSeconds: 7200, jobs: 2, importId })),
        ),
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { usage: { day: string; clusterUsername: string; gpuHours: number }[]; nextCursor: string | null } } =
        await office.get(`/api/v1/office/usage?account=lists-acct&pageSize=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.usage.map((u) => `${u.day}/${u.clusterUsername}`));
      expect(res.body.usage.every((u) => u.gpuHours === 2)).toBe(true);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(['2026-02-03/u1', '2026-02-03/u2', '2026-02-02/u1', '2026-02-02/u2', '2026-02-01/u1', '2026-02-01/u2']);
    const bad = await office.get('/api/v1/office/usage?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('cursor');
  });
});

describe('issue 15 item 6: bulk verification of organisations', () => {
  const revisions = async (ids: string[]) =>
    (await t.ctx.db.select().from(organisations).where(inArray(organisations.id, ids))).map((o) => ({ id: o.id, expectedRevision: o.revision }));

  it('previews what changes without changing anything', async () => {
    const chosen = await revisions(orgIds.slice(0, 3));
    const missing = { id: '00000000-0000-4000-8000-000000000000', expectedRevision: 1 };
    const res = await office.post('/api/v1/office/organisations/verification', { organisations: [...chosen, missing], verified: true, mode: 'preview' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('preview');
    expect(res.body.changed).toBe(3);
    expect(res.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['change', 'change', 'change', 'missing']);
    const after = await t.ctx.db
      .select()
      .from(organisations)
      .where(inArray(organisations.id, orgIds.slice(0, 3)));
    expect(after.every((o) => o.verificationStatus === 'unverified')).toBe(true);
  });

  it('commits only with a reason, writes one audit entry per organisation, and leaves the verified alone', async () => {
    const chosen = await revisions(orgIds.slice(0, 3));
    const noReason = await office.post('/api/v1/office/organisations/verification', { organisations: chosen, verified: true, mode: 'commit' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.field).toBe('reason');
    const reason = '사업자등록증 원본 대조 (일괄)';
    const res = await office.post('/api/v1/office/organisations/verification', { organisations: chosen, verified: true, mode: 'commit', reason });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'committed', changed: 3 });
    const rows = await t.ctx.db
      .select()
      .from(organisations)
      .where(inArray(organisations.id, orgIds.slice(0, 3)));
    expect(rows.every((o) => o.verificationStatus === 'verified' && o.verifiedAt)).toBe(true);
    const audit = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'organisation.verify'), inArray(auditLog.objectId, orgIds.slice(0, 3))));
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.reason === reason)).toBe(true);
    // again: nothing left to change, no new audit entry
    const again = await office.post('/api/v1/office/organisations/verification', {
      organisations: await revisions(orgIds.slice(0, 3)),
      verified: true,
      mode: 'commit',
      reason,
    });
    expect(again.body.changed).toBe(0);
    expect(
      await t.ctx.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'organisation.verify'), inArray(auditLog.objectId, orgIds.slice(0, 3)))),
    ).toHaveLength(3);
  });

  it('refuses the lot when one organisation changed since the preview', async () => {
    const chosen = await revisions(orgIds.slice(3, 5));
    const stale = [{ ...chosen[0]!, expectedRevision: chosen[0]!.expectedRevision - 1 + 10 }, chosen[1]!];
    const res = await office.post('/api/v1/office/organisations/verification', { organisations: stale, verified: true, mode: 'commit', reason: '일괄 확인' });
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('organisations');
    const rows = await t.ctx.db
      .select()
      .from(organisations)
      .where(inArray(organisations.id, orgIds.slice(3, 5)));
    expect(rows.every((o) => o.verificationStatus === 'unverified')).toBe(true);
  });

  it('takes at most 200 organisations at once', async () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, expectedRevision: 1 }));
    const res = await office.post('/api/v1/office/organisations/verification', { organisations: many, verified: true, mode: 'preview' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('body.organisations');
  });
});

describe('issue 15 item 6: the lists are the office’s alone', () => {
  it.each([
    ['GET', '/api/v1/office/applications'],
    ['GET', '/api/v1/office/applications/export'],
    ['GET', '/api/v1/office/organisations'],
    ['GET', '/api/v1/office/jobs'],
    ['GET', '/api/v1/office/usage'],
    ['POST', '/api/v1/office/organisations/verification'],
  ])('%s %s refuses an applicant', async (method, url) => {
    const res =
      method === 'GET'
        ? await applicant.get(url)
        : await applicant.post(url, { organisations: [{ id: orgIds[0], expectedRevision: 1 }], verified: true, mode: 'preview' });
    expect(res.status).toBe(403);
  });
});
