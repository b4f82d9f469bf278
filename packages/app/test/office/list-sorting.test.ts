import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from '../support/test-context.ts';
import { applications, jobs, organisations, usageDaily } from '../../src/db/schema/index.ts';
import { api, PROGRAM, type Api } from '../applications/support.ts';

// Issue 15 item 6: the office sorts its lists by the columns it reads, and picks how many rows a
// page holds. Rows are written straight to the tables the lists read.
let t: Awaited<ReturnType<typeof createTestServer>>;
let office: Api;
const CALL = 'sort-call';
beforeAll(async () => {
  t = await createTestServer();
  office = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
  // receipt numbers, submission days and names run in different orders, so each sort is seen
  const rows = [
    { nameKo: '정렬 다온', receiptNo: 'SRT-3', day: 12, status: 'submitted' },
    { nameKo: '정렬 가람', receiptNo: 'SRT-1', day: 14, status: 'submitted' },
    { nameKo: '정렬 마루', receiptNo: null, day: null, status: 'draft' },
    { nameKo: '정렬 나래', receiptNo: 'SRT-2', day: 11, status: 'withdrawn' },
  ] as const;
  for (const [i, r] of rows.entries()) {
    const [org] = await t.ctx.db
      .insert(organisations)
      .values({ nameKo: r.nameKo, nameEn: `Sort Org ${i}`, type: 'startup', country: 'KR', createdAt: new Date(Date.UTC(2026, 0, 20 - i)) })
      .returning();
    await t.ctx.db.insert(applications).values({
      programSlug: PROGRAM,
      callKey: CALL,
      organisationId: org!.id,
      status: r.status,
      receiptNo: r.receiptNo,
      submittedAt: r.day ? new Date(Date.UTC(2026, 0, r.day)) : null,
      consortium: { lead: { organisationId: org!.id, name: r.nameKo }, participants: [] },
      proposal: { title: `${r.nameKo} 과제` },
    });
  }
}, 120_000);
afterAll(() => t.dispose());

type Row = { id: string; receiptNo: string | null; organisationName: string; status: string };
async function apps(query: string) {
  const res = await office.get(`/api/v1/office/applications?call=${CALL}&${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { applications: Row[]; total: number; pageSize: number };
}

describe('issue 15 item 6: sorting the office’s applications', () => {
  it('sorts by receipt number either way, a draft without one last both times', async () => {
    expect((await apps('sort=receiptNo&order=asc')).applications.map((a) => a.receiptNo)).toEqual(['SRT-1', 'SRT-2', 'SRT-3', null]);
    expect((await apps('sort=receiptNo&order=desc')).applications.map((a) => a.receiptNo)).toEqual(['SRT-3', 'SRT-2', 'SRT-1', null]);
  });

  it('sorts by submission (newest first when nothing is asked), by organisation and by status', async () => {
    expect((await apps('')).applications.map((a) => a.receiptNo)).toEqual(['SRT-1', 'SRT-3', 'SRT-2', null]);
    expect((await apps('sort=submittedAt&order=asc')).applications.map((a) => a.receiptNo)).toEqual(['SRT-2', 'SRT-3', 'SRT-1', null]);
    expect((await apps('sort=organisation&order=asc')).applications.map((a) => a.organisationName)).toEqual([
      '정렬 가람',
      '정렬 나래',
      '정렬 다온',
      '정렬 마루',
    ]);
    expect((await apps('sort=organisation&order=desc')).applications.map((a) => a.organisationName)).toEqual([
      '정렬 마루',
      '정렬 다온',
      '정렬 나래',
      '정렬 가람',
    ]);
    expect((await apps('sort=status&order=asc')).applications.map((a) => a.status)).toEqual(['draft', 'submitted', 'submitted', 'withdrawn']);
  });

  it('pages a sort with ties one row at a time without a repeat or a gap (the id breaks ties)', async () => {
    const all = await apps('sort=status&order=desc&pageSize=100');
    const walked: string[] = [];
    for (let page = 1; page <= 4; page++) walked.push(...(await apps(`sort=status&order=desc&pageSize=1&page=${page}`)).applications.map((a) => a.id));
    expect(walked).toEqual(all.applications.map((a) => a.id));
    expect(new Set(walked).size).toBe(4);
    // the same request twice gives the same order
    expect((await apps('sort=status&order=desc')).applications.map((a) => a.id)).toEqual(all.applications.map((a) => a.id));
  });

  it('exports in the order the list shows', async () => {
    const res = await office.get(`/api/v1/office/applications/export?call=${CALL}&status=submitted&sort=receiptNo&order=asc`);
    expect(res.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as never);
    expect(wb.worksheets[0]!.getColumn(1).values.slice(2)).toEqual(['SRT-1', 'SRT-3']);
  });

  it.each([
    ['sort=price', 'querystring.sort'],
    ['sort=receipt_no%3Bdrop%20table%20applications', 'querystring.sort'],
    ['sort=receiptNo&order=sideways', 'querystring.order'],
    ['pageSize=0', 'querystring.pageSize'],
    ['pageSize=101', 'querystring.pageSize'],
    ['pageSize=lots', 'querystring.pageSize'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const res = await office.get(`/api/v1/office/applications?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect((await office.get(`/api/v1/office/applications/export?${query}`)).status).toBe(query.startsWith('pageSize') ? 200 : 400);
  });

  it('holds as many rows as the page size asks, up to 100', async () => {
    const two = await apps('pageSize=2');
    expect(two.applications).toHaveLength(2);
    expect(two.pageSize).toBe(2);
    const hundred = await office.get('/api/v1/office/applications?pageSize=100');
    expect(hundred.body.pageSize).toBe(100);
    expect(hundred.body.applications.length).toBe(Math.min(100, hundred.body.total));
  });
});

describe('issue 15 item 6: sorting organisations, jobs and usage', () => {
  it('sorts organisations by name and by registration day, and refuses an unknown column', async () => {
    const q = `q=${encodeURIComponent('정렬')}`;
    const names = async (s: string) =>
      ((await office.get(`/api/v1/office/organisations?${q}&${s}`)).body.organisations as { nameKo: string }[]).map((o) => o.nameKo);
    expect(await names('')).toEqual(['정렬 가람', '정렬 나래', '정렬 다온', '정렬 마루']);
    expect(await names('sort=name&order=desc')).toEqual(['정렬 마루', '정렬 다온', '정렬 나래', '정렬 가람']);
    // registered on the 20th, 19th, 18th and 17th of January
    expect(await names('sort=createdAt&order=asc')).toEqual(['정렬 나래', '정렬 마루', '정렬 가람', '정렬 다온']);
    const bad = await office.get('/api/v1/office/organisations?sort=nameKo');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('querystring.sort');
  });

  it('sorts jobs by state and by kind', async () => {
    await t.ctx.db.insert(jobs).values([
      { kind: 'sort.b', payload: {}, status: 'failed', error: 'x' },
      { kind: 'sort.a', payload: {}, status: 'done' },
      { kind: 'sort.c', payload: {}, status: 'queued' },
    ]);
    const kinds = async (s: string) =>
      ((await office.get(`/api/v1/office/jobs?pageSize=100&${s}`)).body.jobs as { kind: string }[]).map((j) => j.kind).filter((k) => k.startsWith('sort.'));
    expect(await kinds('sort=kind&order=asc')).toEqual(['sort.a', 'sort.b', 'sort.c']);
    expect(await kinds('sort=state&order=asc')).toEqual(['sort.a', 'sort.b', 'sort.c']);
    expect(await kinds('sort=state&order=desc')).toEqual(['sort.c', 'sort.b', 'sort.a']);
    const bad = await office.get('/api/v1/office/jobs?order=up');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('querystring.order');
  });

  it('sorts usage by GPU-hours and walks the pages by cursor without a repeat, a gap or a cursor of another sort', async () => {
    const importId = '00000000-0000-4000-8000-0000000000cc';
    const hours = [3, 1, 4, 1, 5, 9, 2, 6];
    await t.ctx.db
      .insert(usageDaily)
      .values(
        hours.map((h, i) => ({ account: 'sort-acct', clusterUsername: `u${i}`, day: `2026-03-0${1 + (i % 3)}`, gpuSeconds: h * 3600, jobs: 1, importId })),
      );
    const walk = async (s: string) => {
      const seen: { user: string; gpuHours: number }[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { status: number; body: { usage: { clusterUsername: string; gpuHours: number }[]; nextCursor: string | null } } = await office.get(
          `/api/v1/office/usage?account=sort-acct&pageSize=3&${s}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        seen.push(...res.body.usage.map((u) => ({ user: u.clusterUsername, gpuHours: u.gpuHours })));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      return { seen, pages };
    };
    const desc = await walk('sort=gpuHours&order=desc');
    expect(desc.pages).toBe(3);
    expect(desc.seen.map((r) => r.gpuHours)).toEqual([9, 6, 5, 4, 3, 2, 1, 1]);
    expect(new Set(desc.seen.map((r) => r.user)).size).toBe(8);
    const asc = await walk('sort=gpuHours&order=asc');
    expect(asc.seen.map((r) => r.gpuHours)).toEqual([1, 1, 2, 3, 4, 5, 6, 9]);
    // the two rows of one GPU-hour come in one order every time (newest day first, then the user)
    expect(asc.seen.slice(0, 2).map((r) => r.user)).toEqual(['u1', 'u3']);
    const byDay = await walk('sort=day&order=asc');
    expect(byDay.seen.map((r) => r.user)).toEqual(['u0', 'u3', 'u6', 'u1', 'u4', 'u7', 'u2', 'u5']);

    const first = await office.get('/api/v1/office/usage?account=sort-acct&pageSize=3&sort=gpuHours&order=desc');
    const other = await office.get(`/api/v1/office/usage?account=sort-acct&pageSize=3&sort=gpuHours&order=asc&cursor=${first.body.nextCursor}`);
    expect(other.status).toBe(400);
    expect(other.body.error.field).toBe('cursor');
    const bad = await office.get('/api/v1/office/usage?sort=jobs');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('querystring.sort');
  });
});
