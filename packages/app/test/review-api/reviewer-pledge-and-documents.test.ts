import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { applicationAttachments, auditLog, reviewRounds } from '../../src/db/schema/index.ts';
import { blobStoreFor } from '../../src/blobs/blob-store-for.ts';
import { samplePdf } from '../applications/support.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
const CALL = '/api/v1/review/calls/specialized-fm/2025-call';
const OP = 'operator@demo.stagegate.kr';
const R1 = 'reviewer@demo.stagegate.kr';
const R2 = 'reviewer2@demo.stagegate.kr';

async function call(who: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: cookie[who] ? { cookie: cookie[who]! } : {} });
  return {
    status: res.statusCode,
    headers: res.headers,
    body: res.headers['content-type']?.toString().includes('json') ? res.json() : undefined,
    raw: res.rawPayload,
  };
}

interface Assignment {
  roundId: string;
  applicationId: string;
  conflicted: boolean;
  round: { dueAt: string | null };
  pledgedAt: string | null;
}
let roundId: string;
let mine: Assignment;
let notMine: string;
let attachmentId: string;
const pdf = samplePdf(2_000);
const due = new Date('2026-12-20T08:59:00.000Z');

beforeAll(async () => {
  t = await createTestServer();
  for (const e of [OP, R1, R2]) cookie[e] = await signIn(t.app, e);
  const overview = (await call(OP, 'GET', CALL)).body as { rounds: { id: string }[]; applications: { id: string }[] };
  roundId = overview.rounds[0]!.id;
  await t.ctx.db.update(reviewRounds).set({ dueAt: due }).where(eq(reviewRounds.id, roundId));
  const run = (await call(OP, 'POST', `/api/v1/review/rounds/${roundId}/runs`, { balance: true })).body.run;
  expect((await call(OP, 'POST', `/api/v1/review/runs/${run.id}/deploy`)).status).toBe(200);
  const list = (await call(R1, 'GET', '/api/v1/review/me')).body.assignments as Assignment[];
  mine = list.find((a) => !a.conflicted)!;
  const r2 = (await call(R2, 'GET', '/api/v1/review/me')).body.assignments as Assignment[];
  notMine = r2.map((a) => a.applicationId).find((id) => !list.some((a) => a.applicationId === id))!;
  // the applicant's own file name names its organisation: blind review must not pass it on
  const stored = await blobStoreFor(t.ctx).put(Readable.from(pdf), { maxBytes: 1_000_000, headBytes: 8, inspectHead: () => undefined });
  const [row] = await t.ctx.db
    .insert(applicationAttachments)
    .values({ applicationId: mine.applicationId, fileName: '한빛AI_사업계획서.pdf', sizeBytes: stored.sizeBytes, sha256: stored.sha256 })
    .returning();
  attachmentId = row!.id;
}, 90_000);
afterAll(() => t.dispose());

const proposalUrl = (app: string) => `/api/v1/review/me/rounds/${roundId}/applications/${app}`;

describe('reviewer: due date, conflict-of-interest pledge, documents in the browser', () => {
  it('lists each assignment with the round’s due date and no pledge yet', () => {
    expect(mine.round.dueAt).toBe(due.toISOString());
    expect(mine.pledgedAt).toBeNull();
  });

  it('refuses to open a proposal or its document until the round’s pledge is accepted, naming the pledge', async () => {
    const res = await call(R1, 'GET', proposalUrl(mine.applicationId));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('pledge_required');
    expect(res.body.error.field).toBe('pledge');
    expect(res.body.error.issues[0].message.ko).toContain('서약');
    expect((await call(R1, 'GET', `${proposalUrl(mine.applicationId)}/attachments/${attachmentId}`)).status).toBe(403);
    // scoring is closed too
    const sheet = await t.app.inject({
      method: 'PUT',
      url: `${proposalUrl(mine.applicationId)}/sheet`,
      payload: { scores: {}, mode: 'draft' },
      headers: { cookie: cookie[R1]! },
    });
    expect(sheet.statusCode).toBe(403);
  });

  it('shows the pledge in Korean and English; an unticked pledge is refused naming the field', async () => {
    const view = await call(R1, 'GET', `/api/v1/review/me/rounds/${roundId}/pledge`);
    expect(view.status).toBe(200);
    expect(view.body.text.ko).toContain('이해충돌');
    expect(view.body.text.en).toContain('conflict');
    expect(view.body.acceptedAt).toBeNull();
    const no = await call(R1, 'POST', `/api/v1/review/me/rounds/${roundId}/pledge`, { accept: false });
    expect(no.status).toBe(400);
    expect(JSON.stringify(no.body)).toContain('accept');
  });

  it('records the acceptance once, with its time, in the audit log; then the proposal opens', async () => {
    const before = Date.now();
    const yes = await call(R1, 'POST', `/api/v1/review/me/rounds/${roundId}/pledge`, { accept: true, locale: 'en' });
    expect(yes.status).toBe(200);
    const at = Date.parse(yes.body.acceptedAt);
    expect(at).toBeGreaterThanOrEqual(before - 5_000);
    const again = await call(R1, 'POST', `/api/v1/review/me/rounds/${roundId}/pledge`, { accept: true });
    expect(again.body.acceptedAt).toBe(yes.body.acceptedAt);
    const audits = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'review.pledge.accept')));
    expect(audits).toHaveLength(1);
    const list = (await call(R1, 'GET', '/api/v1/review/me')).body.assignments as Assignment[];
    expect(list.find((a) => a.applicationId === mine.applicationId)!.pledgedAt).toBe(yes.body.acceptedAt);
    const open = await call(R1, 'GET', proposalUrl(mine.applicationId));
    expect(open.status).toBe(200);
    expect(open.body.round.dueAt).toBe(due.toISOString());
    expect(open.body.attachments).toEqual([{ id: attachmentId, fileName: 'proposal-attachment-1.pdf', sizeBytes: pdf.length }]);
  });

  it('serves the document inline for a frame, under a neutral name in a blind call, byte for byte', async () => {
    const res = await call(R1, 'GET', `${proposalUrl(mine.applicationId)}/attachments/${attachmentId}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^inline; filename="proposal-attachment-1\.pdf"/);
    expect(String(res.headers['content-disposition'])).not.toContain(encodeURIComponent('한빛'));
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(Buffer.compare(res.raw, pdf)).toBe(0);
  });

  it('keeps another reviewer’s proposal and its document closed, pledge or not', async () => {
    expect((await call(R1, 'GET', `${proposalUrl(notMine)}/attachments/${attachmentId}`)).status).toBe(403);
    await call(R2, 'POST', `/api/v1/review/me/rounds/${roundId}/pledge`, { accept: true });
    const r2list = (await call(R2, 'GET', '/api/v1/review/me')).body.assignments as Assignment[];
    if (!r2list.some((a) => a.applicationId === mine.applicationId)) {
      expect((await call(R2, 'GET', `${proposalUrl(mine.applicationId)}/attachments/${attachmentId}`)).status).toBe(403);
    }
    // a round that does not exist, or an attachment of another application, is absent
    expect((await call(R1, 'GET', `/api/v1/review/me/rounds/00000000-0000-4000-8000-000000000000/pledge`)).status).toBe(404);
    expect((await call(R1, 'GET', `${proposalUrl(mine.applicationId)}/attachments/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    // the applicant's download route stays closed to reviewers
    expect((await call(R1, 'GET', `/api/v1/applications/${mine.applicationId}/attachments/${attachmentId}`)).status).toBe(403);
  });

  it('does not let an office account sign a pledge or read a proposal', async () => {
    expect((await call(OP, 'POST', `/api/v1/review/me/rounds/${roundId}/pledge`, { accept: true })).status).toBe(403);
  });
});
