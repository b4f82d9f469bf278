import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from '../support/test-context.ts';
import { api, CALL, createOrganisation, PROGRAM, readyApplication, signUp, type Api } from './support.ts';
import { formatSeoul } from '@stagegate/core/shared/seoul-time';

let t: Awaited<ReturnType<typeof createTestServer>>;
let alice: Api;
let operator: Api;
let submitted: { id: string; receiptNo: string; submittedAt: string };
beforeAll(async () => {
  t = await createTestServer();
  alice = api(t.app, await signUp(t, 'alice@table.test'));
  operator = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
  const ready = await readyApplication(alice, await createOrganisation(alice), '금융 특화 모델');
  await alice.patch(`/api/v1/applications/${ready.id}`, {
    baseVersion: ready.version,
    proposal: { ...(await alice.get(`/api/v1/applications/${ready.id}`)).body.application.proposal, domain: 'finance' },
  });
  const r = (await alice.post(`/api/v1/applications/${ready.id}/submit`, { version: ready.version + 1 })).body.receipt;
  submitted = { id: ready.id, receiptNo: r.receiptNo, submittedAt: r.submittedAt };
});
afterAll(() => t.dispose());

type Row = { id: string; receiptNo: string | null; domain: string; eligible: boolean | null; status: string; title: string };

describe('the program office’s table', () => {
  it('lists the call’s applications (demo ones included) and filters by status, domain and eligibility', async () => {
    const all = (await operator.get(`/api/v1/calls/${PROGRAM}/${CALL}/applications`)).body.applications as Row[];
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(all.find((r) => r.id === submitted.id)).toMatchObject({
      receiptNo: submitted.receiptNo,
      domain: 'finance',
      eligible: true,
      status: 'submitted',
      title: '금융 특화 모델',
    });
    const finance = (await operator.get(`/api/v1/calls/${PROGRAM}/${CALL}/applications?domain=finance`)).body.applications as Row[];
    expect(finance.length).toBeGreaterThan(0);
    expect(finance.every((r) => r.domain === 'finance')).toBe(true);
    const drafts = (await operator.get(`/api/v1/calls/${PROGRAM}/${CALL}/applications?status=draft`)).body.applications as Row[];
    expect(drafts.every((r) => r.status === 'draft')).toBe(true);
    const ineligible = (await operator.get(`/api/v1/calls/${PROGRAM}/${CALL}/applications?eligibility=ineligible`)).body.applications as Row[];
    expect(ineligible.length).toBeGreaterThan(0); // the demo's large-enterprise lead
    expect(ineligible.every((r) => r.eligible === false)).toBe(true);
    expect(
      ineligible.length + (await operator.get(`/api/v1/calls/${PROGRAM}/${CALL}/applications?eligibility=eligible`)).body.applications.length,
    ).toBeLessThanOrEqual(all.length);
    expect((await operator.get(`/api/v1/calls/${PROGRAM}/${CALL}/applications?domain=space`)).status).toBe(400);
    expect((await alice.get(`/api/v1/calls/${PROGRAM}/${CALL}/applications`)).status).toBe(403);
    expect((await operator.get(`/api/v1/calls/${PROGRAM}/no-such-call/applications`)).status).toBe(404);
  });

  it('exports the same rows as .xlsx with Korean headers, read back with exceljs', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/calls/${PROGRAM}/${CALL}/applications/export`,
      headers: { cookie: await signIn(t.app, 'operator@demo.stagegate.kr') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '접수번호',
      '과제명',
      '주관기관',
      '참여기관 수',
      '분야',
      '자격 판정',
      '상태',
      '제출 시각 (Asia/Seoul)',
    ]);
    const all = (await operator.get(`/api/v1/calls/${PROGRAM}/${CALL}/applications`)).body.applications as Row[];
    expect(ws.rowCount).toBe(all.length + 1);
    const row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === submitted.receiptNo)!;
    expect(row.getCell(2).value).toBe('금융 특화 모델');
    expect(row.getCell(4).value).toBe(1);
    expect(row.getCell(5).value).toBe('금융');
    expect(row.getCell(6).value).toBe('적격');
    expect(row.getCell(7).value).toBe('제출 완료');
    expect(row.getCell(8).value).toBe(formatSeoul(new Date(submitted.submittedAt)));
  });

  it('the override shows in the table and the export', async () => {
    await operator.put(`/api/v1/applications/${submitted.id}/eligibility-override`, { eligible: false, reason: '참여기관 확약서 미제출' });
    const rows = (await operator.get(`/api/v1/calls/${PROGRAM}/${CALL}/applications?eligibility=ineligible`)).body.applications as (Row & {
      overridden: boolean;
      verdictEligible: boolean;
    })[];
    expect(rows.find((r) => r.id === submitted.id)).toMatchObject({ eligible: false, overridden: true, verdictEligible: true });
  });

  it('lists calls with their effective window by the database clock; the demo call is open', async () => {
    const res = await alice.get('/api/v1/calls');
    const demo = res.body.calls.find((c: { program: string; key: string }) => c.program === PROGRAM && c.key === CALL);
    expect(demo.open).toBe(true);
    expect(demo.windowOverride.reason).toMatch(/^데모: /);
    expect(demo.publishedWindow.closes).toBe('2025-10-13T18:00:00+09:00');
    const kai = res.body.calls.find((c: { program: string; key: string }) => c.program === 'k-ai' && c.key === '2025-call');
    expect(kai).toMatchObject({ open: false, windowOverride: null });
  });
});
