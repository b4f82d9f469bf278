import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '@stagegate/core/application/canonical-json';
import { createTestServer, signIn } from '../support/test-context.ts';
import { databaseNow } from '../../src/db/clock.ts';
import { api, CALL, createOrganisation, PROGRAM, readyApplication, signUp, university, type Api } from './support.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let alice: Api;
let operator: Api;
beforeAll(async () => {
  t = await createTestServer();
  alice = api(t.app, await signUp(t, 'alice@submit.test'));
  operator = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
});
afterAll(() => t.dispose());

/** Moves the call's window relative to the database's clock. */
async function setWindow(opensInMinutes: number, closesInMinutes: number) {
  const now = await databaseNow(t.ctx.db);
  const at = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();
  const res = await operator.put(`/api/v1/calls/${PROGRAM}/${CALL}/settings`, {
    opens: at(opensInMinutes),
    closes: at(closesInMinutes),
    reason: 'test window',
  });
  expect(res.status).toBe(200);
}

describe('submission', () => {
  it('refuses an incomplete proposal naming every missing field, and an ineligible consortium naming the rule', async () => {
    await setWindow(-60, 60);
    const org = await createOrganisation(alice);
    const created = await alice.post('/api/v1/applications', { program: PROGRAM, call: CALL, organisationId: org.id });
    const id = created.body.application.id;
    const res = await alice.post(`/api/v1/applications/${id}/submit`, { version: 1 });
    expect(res.status).toBe(422);
    const fields = res.body.error.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['proposal.title', 'proposal.stageGoals', 'proposal.gpuRequest', 'eligibility.university-required']));
    expect(res.body.error.issues.find((i: { field: string }) => i.field === 'proposal.title').message.ko).toContain('과제명');
    expect((await alice.get(`/api/v1/applications/${id}`)).body.application.status).toBe('draft');
  });

  it('issues a receipt PREFIX-YEAR-NNNN with a SHA-256 over the frozen version; a retry returns the same receipt', async () => {
    await setWindow(-60, 60);
    const org = await createOrganisation(alice);
    const { id, version } = await readyApplication(alice, org, '법률 특화 모델');
    const res = await alice.post(`/api/v1/applications/${id}/submit`, { version }, { 'idempotency-key': 'k-1' });
    expect(res.status).toBe(201);
    const receipt = res.body.receipt;
    expect(receipt.receiptNo).toMatch(/^SFM-\d{4}-\d{4}$/);
    // issue 20 item 11: the receipt names this application, call and frozen version, stamped by the database clock
    expect(receipt).toMatchObject({ applicationId: id, program: PROGRAM, call: CALL, version: version + 1 });
    const stamped = Date.parse(receipt.submittedAt);
    expect(Math.abs(stamped - (await databaseNow(t.ctx.db)).getTime())).toBeLessThan(60_000);
    const frozen = await alice.get(`/api/v1/applications/${id}/versions/${receipt.version}`);
    expect(frozen.body.kind).toBe('submitted');
    const recomputed = createHash('sha256')
      .update(canonicalJson({ applicationId: id, program: PROGRAM, call: CALL, version: receipt.version, content: frozen.body.content }))
      .digest('hex');
    expect(receipt.hash).toBe(recomputed);
    expect(frozen.body.hash).toBe(recomputed);
    const again = await alice.post(`/api/v1/applications/${id}/submit`, { version });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replayed: true, receipt: { receiptNo: receipt.receiptNo, hash: receipt.hash } });
    expect((await alice.get(`/api/v1/applications/${id}/receipt`)).body.receipt).toEqual(receipt);
    const download = await alice.get(`/api/v1/applications/${id}/receipt/download`);
    expect(download.raw.headers['content-disposition']).toContain(`${receipt.receiptNo}.txt`);
    expect(download.body).toContain(receipt.receiptNo);
    expect(download.body).toContain('법률 특화 모델');
    expect(download.body).toContain(receipt.hash);
    const pdf = await alice.get(`/api/v1/applications/${id}/receipt/download?format=pdf`);
    expect(pdf.raw.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.headers['content-disposition']).toContain(`${receipt.receiptNo}.pdf`);
    expect(pdf.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (existsSync('/usr/bin/pdftotext')) {
      // the Korean must be real text in the PDF, not missing glyphs
      const text = execFileSync('pdftotext', ['-', '-'], { input: pdf.raw.rawPayload }).toString();
      expect(text).toContain(receipt.receiptNo);
      expect(text).toContain('법률 특화 모델');
      expect(text).toContain('접수증');
    }
    // frozen: no more edits
    const edit = await alice.patch(`/api/v1/applications/${id}`, { baseVersion: receipt.version, proposal: { title: 'changed' } });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('not_editable');
  });

  it('judges the deadline by the database clock: closed → 409 with a ko/en message; not yet open → 422', async () => {
    const org = await createOrganisation(alice);
    const { id, version } = await readyApplication(alice, org);
    await setWindow(-120, -1);
    const late = await alice.post(`/api/v1/applications/${id}/submit`, { version });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('call_closed');
    expect(late.body.error.issues[0].message.ko).toContain('마감');
    expect(late.body.error.message).toContain('closed');
    await setWindow(60, 120);
    const early = await alice.post(`/api/v1/applications/${id}/submit`, { version });
    expect(early.body.error.code).toBe('call_not_open');
    await setWindow(-60, 60);
  });

  it('withdraws before close; refuses after close', async () => {
    await setWindow(-60, 60);
    const org = await createOrganisation(alice);
    const { id, version } = await readyApplication(alice, org);
    await alice.post(`/api/v1/applications/${id}/submit`, { version });
    const w = await alice.post(`/api/v1/applications/${id}/withdraw`, { reason: '재정비' });
    expect(w.body.status).toBe('withdrawn');
    const org2 = await createOrganisation(alice);
    const second = await readyApplication(alice, org2);
    await alice.post(`/api/v1/applications/${second.id}/submit`, { version: second.version });
    await setWindow(-120, -1);
    const late = await alice.post(`/api/v1/applications/${second.id}/withdraw`, {});
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('call_closed');
    await setWindow(-60, 60);
  });

  it('the office reopens one application with a reason (audited), past the close; the resubmission gets a new receipt', async () => {
    await setWindow(-60, 60);
    const org = await createOrganisation(alice);
    const { id, version } = await readyApplication(alice, org);
    const first = (await alice.post(`/api/v1/applications/${id}/submit`, { version })).body.receipt;
    // drafts are made only while the call is open: this one waits for the close
    const other = await readyApplication(alice, await createOrganisation(alice));
    await setWindow(-120, -1);
    expect((await operator.post(`/api/v1/applications/${id}/reopen`, {})).status).toBe(400);
    const until = new Date((await databaseNow(t.ctx.db)).getTime() + 3600_000).toISOString();
    const reopened = await operator.post(`/api/v1/applications/${id}/reopen`, { reason: '첨부 누락 보완 허용', extendedUntil: until });
    expect(reopened.body.status).toBe('draft');
    const audit = await operator.get(`/api/v1/audit?objectType=application&objectId=${id}`);
    // issue 20 item 11: the newest row is the reopening, by the office, with the reason and what changed
    expect(audit.body.entries[0]).toMatchObject({
      action: 'application.reopen',
      objectType: 'application',
      objectId: id,
      reason: '첨부 누락 보완 허용',
      before: { status: 'submitted', receiptNo: first.receiptNo },
      after: { status: 'draft', extendedUntil: until },
    });
    expect(audit.body.entries[0].actorLabel).toContain('operator@demo.stagegate.kr');
    expect(audit.body.entries[1]).toMatchObject({ action: 'application.submit', after: { status: 'submitted', receiptNo: first.receiptNo, hash: first.hash } });
    const saved = await alice.patch(`/api/v1/applications/${id}`, {
      baseVersion: first.version,
      proposal: { ...(await alice.get(`/api/v1/applications/${id}`)).body.application.proposal, title: '보완본' },
    });
    expect(saved.status).toBe(200);
    const second = await alice.post(`/api/v1/applications/${id}/submit`, { version: saved.body.version });
    expect(second.status).toBe(201);
    expect(second.body.receipt.receiptNo).not.toBe(first.receiptNo);
    // other applications of the call stay closed
    expect((await alice.post(`/api/v1/applications/${other.id}/submit`, { version: other.version })).body.error.code).toBe('call_closed');
    await setWindow(-60, 60);
  });

  it('the office overrides a verdict with a written reason; it is shown, audited and lets the submission through', async () => {
    await setWindow(-60, 60);
    const org = await createOrganisation(alice, { type: 'large_enterprise' });
    const created = await alice.post('/api/v1/applications', { program: PROGRAM, call: CALL, organisationId: org.id });
    const id = created.body.application.id;
    const rest = await import('./support.ts');
    const saved = await alice.patch(`/api/v1/applications/${id}`, {
      baseVersion: 1,
      consortium: { participants: [await university(alice)] },
      proposal: rest.completeProposal(),
    });
    const refused = await alice.post(`/api/v1/applications/${id}/submit`, { version: saved.body.version });
    expect(refused.body.error.issues.map((i: { field: string }) => i.field)).toContain('eligibility.lead-type');
    expect((await alice.put(`/api/v1/applications/${id}/eligibility-override`, { eligible: true, reason: 'x' })).status).toBe(403);
    expect((await operator.put(`/api/v1/applications/${id}/eligibility-override`, { eligible: true, reason: '' })).status).toBe(400);
    const o = await operator.put(`/api/v1/applications/${id}/eligibility-override`, { eligible: true, reason: '중견기업 전환 확인서 제출' });
    expect(o.body.override).toMatchObject({ eligible: true, reason: '중견기업 전환 확인서 제출' });
    const shown = await alice.get(`/api/v1/applications/${id}/eligibility`);
    expect(shown.body).toMatchObject({ eligible: true, override: { reason: '중견기업 전환 확인서 제출' }, verdict: { eligible: false } });
    expect((await alice.post(`/api/v1/applications/${id}/submit`, { version: saved.body.version })).status).toBe(201);
    expect(JSON.stringify((await operator.get(`/api/v1/audit?objectType=application&objectId=${id}`)).body)).toContain('application.eligibility.override');
  });

  it('refuses a second application led by the same organisation once one is submitted (one per lead)', async () => {
    await setWindow(-60, 60);
    const org = await createOrganisation(alice);
    const a = await readyApplication(alice, org);
    const b = await readyApplication(alice, org);
    expect((await alice.post(`/api/v1/applications/${a.id}/submit`, { version: a.version })).status).toBe(201);
    const second = await alice.post(`/api/v1/applications/${b.id}/submit`, { version: b.version });
    expect(second.status).toBe(422);
    expect(second.body.error.issues.map((i: { field: string }) => i.field)).toContain('eligibility.one-per-lead');
  });

  it('two applications of one lead submitted at the same moment: exactly one gets through, the other stays a draft', async () => {
    await setWindow(-60, 60);
    const org = await createOrganisation(alice);
    const apps = [await readyApplication(alice, org), await readyApplication(alice, org)];
    const answers = await Promise.all(apps.map((x) => alice.post(`/api/v1/applications/${x.id}/submit`, { version: x.version })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 422]);
    const refused = answers.findIndex((r) => r.status === 422);
    expect(answers[refused]!.body.error.issues.map((i: { field: string }) => i.field)).toContain('eligibility.one-per-lead');
    const left = await alice.get(`/api/v1/applications/${apps[refused]!.id}`);
    expect(left.body.application).toMatchObject({ status: 'draft', receiptNo: null });
  });

  it('50 concurrent submissions get 50 distinct receipt numbers, all stored', async () => {
    await setWindow(-60, 60);
    const ready = [];
    for (let i = 0; i < 50; i++) ready.push(await readyApplication(alice, await createOrganisation(alice), `동시 제출 ${i}`));
    const results = await Promise.all(ready.map((r) => alice.post(`/api/v1/applications/${r.id}/submit`, { version: r.version })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = results.map((r) => r.body.receipt.receiptNo as string);
    expect(new Set(numbers).size).toBe(50);
    const table = await operator.get(`/api/v1/calls/${PROGRAM}/${CALL}/applications?status=submitted`);
    const stored = new Set(table.body.applications.map((a: { receiptNo: string }) => a.receiptNo));
    for (const n of numbers) expect(stored).toContain(n);
    // nothing else was submitted meanwhile, so the 50 sequences are contiguous: none skipped, none repeated
    const seqs = numbers.map((n) => Number(n.split('-')[2])).sort((x, y) => x - y);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
  }, 120_000);
});

describe('issue 20 item 6: the deadline is judged by the database clock, not the server clock', () => {
  /**
   * Sets this process's clock `offsetMs` away from the database's. On PostgreSQL the whole Node
   * clock is faked. PGlite runs inside this process and reads its clock through Date.now(), so
   * there only `new Date()` is moved — the way server code reads "now" — and Date.now() stays true.
   */
  function skewServerClock(offsetMs: number): () => void {
    if (t.ctx.database.kind === 'postgres') {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + offsetMs);
      return () => vi.useRealTimers();
    }
    const RealDate = globalThis.Date;
    class SkewedDate extends RealDate {
      constructor(...args: ConstructorParameters<typeof RealDate> | []) {
        if (args.length === 0) super(RealDate.now() + offsetMs);
        else super(...(args as [string]));
      }
    }
    globalThis.Date = SkewedDate as DateConstructor;
    return () => {
      globalThis.Date = RealDate;
    };
  }

  it('accepts a submission while the call is open by the database clock although the server clock says it closed a day ago', async () => {
    await setWindow(-60, 60);
    const org = await createOrganisation(alice);
    const { id, version } = await readyApplication(alice, org, '시계 차이 접수');
    const restore = skewServerClock(24 * 3_600_000);
    try {
      expect(new Date().getTime() - (await databaseNow(t.ctx.db)).getTime()).toBeGreaterThan(23 * 3_600_000);
      const res = await alice.post(`/api/v1/applications/${id}/submit`, { version });
      expect(res.status).toBe(201);
      expect(res.body.receipt.receiptNo).toMatch(/^SFM-\d{4}-\d{4}$/);
    } finally {
      restore();
    }
  });

  it('refuses a submission after the call closed by the database clock although the server clock says it is still open', async () => {
    await setWindow(-60, 60);
    const org = await createOrganisation(alice);
    const { id, version } = await readyApplication(alice, org, '시계 차이 마감');
    await setWindow(-120, -1);
    const restore = skewServerClock(-24 * 3_600_000);
    try {
      const res = await alice.post(`/api/v1/applications/${id}/submit`, { version });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('call_closed');
      expect((await alice.get(`/api/v1/applications/${id}`)).body.application.status).toBe('draft');
    } finally {
      restore();
    }
  });
});
