import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { consortiumMembers } from '@stagegate/core/eligibility/consortium';
import { auditLog, mailOutbox, reviewSheets } from '../../src/db/schema/index.ts';
import { submittedApplications } from '../../src/review/review-call.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

// Issue 13 item 7: a conflict found after assignment withdraws the assignment, sets the scores aside and asks the office to reassign.
let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
const CALL = '/api/v1/review/calls/specialized-fm/2025-call';
const OP = 'operator';
const R = 'reviewer';

async function call(who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: { cookie: cookie[who]! } });
  return { status: res.statusCode, body: res.json() };
}

beforeAll(async () => {
  t = await createTestServer();
  for (const who of [OP, R]) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
}, 300_000);
afterAll(() => t.dispose());

interface Pair {
  applicationId: string;
  reviewerId: string;
  sheet: string;
}

describe('issue 13 item 7: conflicts found late', () => {
  it('withdraws the assignment, keeps the scores out of the ranking, and reassigns to a non-conflicted reviewer with an audit', async () => {
    const roundId = (await call(OP, 'GET', CALL)).body.rounds[0].id as string;
    const run = (await call(OP, 'POST', `/api/v1/review/rounds/${roundId}/runs`, { balance: true })).body.run;
    expect((await call(OP, 'POST', `/api/v1/review/runs/${run.id}/deploy`)).status).toBe(200);

    // the reviewer signs the round's pledge and scores one assigned proposal
    expect((await call(R, 'POST', `/api/v1/review/me/rounds/${roundId}/pledge`, { accept: true })).status).toBe(200);
    const mine = (await call(R, 'GET', '/api/v1/review/me')).body.assignments as { applicationId: string }[];
    const target = mine[0]!.applicationId;
    const scores = {
      'technical-capability': { score: 25, comment: '충분' },
      'development-goals': { score: 24, comment: '명확' },
      'marketability-impact': { score: 33, comment: '큼' },
    };
    expect((await call(R, 'PUT', `/api/v1/review/me/rounds/${roundId}/applications/${target}/sheet`, { scores, mode: 'submit' })).status).toBe(200);
    const rankedBefore = (await call(OP, 'GET', `${CALL}/ranking`)).body.rows.find((r: { applicationId: string }) => r.applicationId === target);
    expect(rankedBefore.perRound.documents.reviewCount).toBe(1);

    // after assignment the office learns the reviewer now works at the proposal's lead institution
    const pool = (await call(OP, 'GET', `${CALL}/reviewers`)).body.reviewers as { id: string; email: string; name: string }[];
    const me = pool.find((p) => p.email === 'reviewer@demo.stagegate.kr')!;
    const app = (await submittedApplications(t.ctx.db, 'specialized-fm', '2025-call')).find((a) => a.id === target)!;
    const lead = consortiumMembers(app.consortium)[0]!;
    const patched = await call(OP, 'PATCH', `/api/v1/review/reviewers/${me.id}`, {
      affiliations: [{ organisationName: lead.name, ...(lead.registrationNo ? { registrationNo: lead.registrationNo } : {}), fromYear: 2026, toYear: null }],
    });
    expect(patched.status).toBe(200);
    const detected = await call(OP, 'POST', `${CALL}/conflicts/detect`);
    expect(detected.status).toBe(200);
    expect(detected.body.withdrawn).toBeGreaterThanOrEqual(1);

    // the assignment is gone, the reviewer can no longer open the proposal
    const pairs = (await call(OP, 'GET', `/api/v1/review/rounds/${roundId}/assignment`)).body.pairs as Pair[];
    expect(pairs.some((p) => p.applicationId === target && p.reviewerId === me.id)).toBe(false);
    expect((await call(R, 'GET', `/api/v1/review/me/rounds/${roundId}/applications/${target}`)).status).toBe(403);
    // the sheet is kept (submitted, scores intact) but flagged and no longer counted
    const [sheet] = await t.ctx.db
      .select()
      .from(reviewSheets)
      .where(and(eq(reviewSheets.applicationId, target), eq(reviewSheets.reviewerId, me.id)));
    expect(sheet!.status).toBe('submitted');
    expect(sheet!.total).toBe(82);
    expect(sheet!.setAsideAt).not.toBeNull();
    expect(sheet!.setAsideReason!.ko.length).toBeGreaterThan(0);
    const rankedAfter = (await call(OP, 'GET', `${CALL}/ranking`)).body.rows.find((r: { applicationId: string }) => r.applicationId === target);
    expect(rankedAfter.perRound.documents).toBeNull();
    expect(rankedAfter.rank).toBeNull();

    // the office sees it and is told
    const late = (await call(OP, 'GET', `${CALL}/late-conflicts`)).body.withdrawals as {
      id: string;
      applicationId: string;
      reviewerId: string;
      sheetSetAside: boolean;
      reassigned: unknown;
      detail: { ko: string };
    }[];
    const w = late.find((x) => x.applicationId === target && x.reviewerId === me.id)!;
    expect(w).toMatchObject({ sheetSetAside: true, reassigned: null });
    expect(w.detail.ko).toContain(lead.name);
    const notices = await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'late-conflict'));
    expect(notices.map((n) => n.toEmail)).toContain('operator@demo.stagegate.kr');
    expect((await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, w.id))).map((a) => a.action)).toEqual(['review.assignment.withdraw']);

    // the preview proposes a reviewer who is free, unconflicted and not already on the proposal; nothing changes
    const preview = await call(OP, 'POST', `/api/v1/review/withdrawals/${w.id}/reassign`, { mode: 'preview' });
    expect(preview.status).toBe(200);
    const proposed = preview.body.proposal.reviewerId as string;
    expect(proposed).not.toBe(me.id);
    expect(preview.body.assign.reviewerId).toBe(proposed);
    const { conflicts } = (await call(OP, 'GET', `${CALL}/conflicts`)).body as { conflicts: { applicationId: string; reviewerId: string; waived: boolean }[] };
    expect(conflicts.some((c) => c.applicationId === target && c.reviewerId === proposed && !c.waived)).toBe(false);
    expect(pairs.some((p) => p.applicationId === target && p.reviewerId === proposed)).toBe(false);
    expect((await call(OP, 'GET', `/api/v1/review/rounds/${roundId}/assignment`)).body.pairs).toHaveLength(pairs.length);
    // the conflicted reviewer cannot be named instead
    const clash = await call(OP, 'POST', `/api/v1/review/withdrawals/${w.id}/reassign`, { mode: 'preview', reviewerId: me.id, reason: '원래 위원 재배정' });
    expect(clash.status).toBe(422);
    expect(clash.body.error.field).toBe('reviewerId');
    // commit needs a reason, then assigns the proposal and is audited with it
    const unreasoned = await call(OP, 'POST', `/api/v1/review/withdrawals/${w.id}/reassign`, { mode: 'commit', reason: ' ' });
    expect(unreasoned.status).toBe(422);
    expect(unreasoned.body.error.field).toBe('reason');
    expect((await call(OP, 'GET', `/api/v1/review/rounds/${roundId}/assignment`)).body.pairs).toHaveLength(pairs.length);
    const commit = await call(OP, 'POST', `/api/v1/review/withdrawals/${w.id}/reassign`, { mode: 'commit', reason: '이해충돌로 철회된 평가 재배정' });
    expect(commit.status).toBe(200);
    const after = (await call(OP, 'GET', `/api/v1/review/rounds/${roundId}/assignment`)).body.pairs as Pair[];
    expect(after.some((p) => p.applicationId === target && p.reviewerId === proposed)).toBe(true);
    const audit = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, w.id), eq(auditLog.action, 'review.assignment.reassign')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.reason).toBe('이해충돌로 철회된 평가 재배정');
    expect(audit[0]!.after).toMatchObject({ reviewerId: proposed, followedProposal: true });
    expect((await call(OP, 'GET', `${CALL}/late-conflicts`)).body.withdrawals.find((x: { id: string }) => x.id === w.id).reassigned.reviewerId).toBe(proposed);
    // twice is a conflict, not a second reviewer
    expect((await call(OP, 'POST', `/api/v1/review/withdrawals/${w.id}/reassign`, { mode: 'commit', reason: '다시 한 번' })).status).toBe(409);
    // the set-aside sheet still does not count
    const [still] = await t.ctx.db
      .select()
      .from(reviewSheets)
      .where(and(eq(reviewSheets.applicationId, target), eq(reviewSheets.reviewerId, me.id)));
    expect(still!.setAsideAt).not.toBeNull();
  });
});
