import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { ensureAccount } from '../../src/seed/demo-accounts.ts';
import { auditLog } from '../../src/db/schema/index.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
const CALL = '/api/v1/review/calls/specialized-fm/2025-call';
const OP = 'operator@demo.stagegate.kr';
const reviewerEmails = ['reviewer@demo.stagegate.kr', ...[2, 3, 4, 5, 6].map((n) => `reviewer${n}@demo.stagegate.kr`)];

async function call(who: string | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: who && cookie[who] ? { cookie: cookie[who]! } : {} });
  return { status: res.statusCode, body: res.json() };
}

beforeAll(async () => {
  t = await createTestServer();
  await ensureAccount(t.ctx, { email: 'new.reviewer@demo.stagegate.kr', password: 'stagegate-demo', name: '신위원', role: 'reviewer' });
  for (const e of [OP, 'applicant@demo.stagegate.kr', 'new.reviewer@demo.stagegate.kr', ...reviewerEmails]) cookie[e] = await signIn(t.app, e);
}, 180_000);
afterAll(() => t.dispose());

describe('invitations', () => {
  let token = '';
  it('puts the invitation in the outbox with its link, and stores only the token hash', async () => {
    const res = await call(OP, 'POST', `${CALL}/reviewers`, {
      email: 'New.Reviewer@demo.stagegate.kr',
      name: '신위원',
      domains: ['의료'],
      keywords: ['영상'],
      profile: '의료 영상',
      affiliations: [{ organisationName: '국립AI연구원', fromYear: 2020, toYear: null }],
      maxLoad: 3,
    });
    expect(res.status).toBe(200);
    expect(res.body.reviewer.email).toBe('new.reviewer@demo.stagegate.kr');
    expect(res.body.reviewer.tokenHash).toBeUndefined();
    token = res.body.invitationUrl.split('/').pop();
    const outbox = (await call(OP, 'GET', `${CALL}/outbox`)).body.messages;
    const msg = outbox.find((m: { toEmail: string }) => m.toEmail === 'new.reviewer@demo.stagegate.kr');
    expect(msg.body).toContain(res.body.invitationUrl);
    const [audit] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, res.body.reviewer.id)).orderBy(auditLog.seq);
    expect(audit!.action).toBe('reviewer.invite');
    expect(JSON.stringify(audit!.after)).not.toContain(token);
    const dup = await call(OP, 'POST', `${CALL}/reviewers`, { email: 'new.reviewer@demo.stagegate.kr', name: 'x' });
    expect(dup.body.error.field).toBe('email');
  });

  it('previews an invitation without writing anything: who, the panels, the account; refuses the same inputs the commit refuses', async () => {
    const pool = async () => (await call(OP, 'GET', `${CALL}/reviewers`)).body.reviewers.length;
    const outbox = async () => (await call(OP, 'GET', `${CALL}/outbox`)).body.messages.length;
    const audits = async () => (await t.ctx.db.select().from(auditLog)).length;
    const before = { pool: await pool(), outbox: await outbox(), audits: await audits() };
    const res = await call(OP, 'POST', `${CALL}/reviewers`, { email: 'Reviewer2@demo.stagegate.kr', name: '둘째', mode: 'preview', maxLoad: 4 });
    expect(res.status).toBe(422);
    // reviewer2 is already in the demo's pool of this call: the preview refuses as the commit would
    expect(res.body.error.field).toBe('email');
    const fresh = await call(OP, 'POST', `${CALL}/reviewers`, { email: 'preview.only@example.kr', name: '미리보기', mode: 'preview', maxLoad: 4, minLoad: 1 });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({
      status: 'preview',
      invitee: { email: 'preview.only@example.kr', name: '미리보기', hasAccount: false, maxLoad: 4, minLoad: 1 },
      rounds: [{ key: 'documents', name: { ko: '서면 평가', en: 'Document review' } }],
    });
    const known = await call(OP, 'POST', `${CALL}/reviewers`, { email: 'evaluator@demo.stagegate.kr', name: '평가자', mode: 'preview' });
    expect(known.body.invitee.hasAccount).toBe(true);
    const bad = await call(OP, 'POST', `${CALL}/reviewers`, { email: 'preview.only@example.kr', name: '미리보기', mode: 'preview', maxLoad: 1, minLoad: 2 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('minLoad');
    // nothing was written: no pool entry, no mail, no audit row
    expect({ pool: await pool(), outbox: await outbox(), audits: await audits() }).toEqual(before);
  });

  it('accepts only from a signed-in reviewer account, declines from the link alone', async () => {
    expect((await call(null, 'GET', `/api/v1/review/invitations/${token}`)).body.name).toBe('신위원');
    expect((await call(null, 'POST', `/api/v1/review/invitations/${token}/response`, { accept: true })).status).toBe(401);
    expect((await call('applicant@demo.stagegate.kr', 'POST', `/api/v1/review/invitations/${token}/response`, { accept: true })).status).toBe(403);
    expect((await call(null, 'POST', `/api/v1/review/invitations/${token}/response`, { accept: false })).body.reviewer.status).toBe('declined');
    // reviewer@ already reviews this call under another entry
    expect((await call('reviewer@demo.stagegate.kr', 'POST', `/api/v1/review/invitations/${token}/response`, { accept: true })).status).toBe(403);
    const accepted = await call('new.reviewer@demo.stagegate.kr', 'POST', `/api/v1/review/invitations/${token}/response`, { accept: true });
    expect(accepted.body.reviewer.status).toBe('accepted');
    expect((await call(null, 'GET', '/api/v1/review/invitations/not-a-real-token-at-all')).status).toBe(404);
  });

  it('issue 12 item 12: a token cannot act on an invitation an account has taken, nor on another invitation', async () => {
    // the link of the accepted invitation above no longer declines it, signed out or as someone else
    const anonymous = await call(null, 'POST', `/api/v1/review/invitations/${token}/response`, { accept: false });
    expect(anonymous.status).toBe(401);
    expect((await call('reviewer2@demo.stagegate.kr', 'POST', `/api/v1/review/invitations/${token}/response`, { accept: false })).status).toBe(403);
    const me = (await call('new.reviewer@demo.stagegate.kr', 'GET', '/api/v1/review/me')).body.profiles[0];
    expect(me.status).toBe('accepted');
    // a second invitation's token answers only its own invitation
    const second = await call(OP, 'POST', `${CALL}/reviewers`, { email: 'second.reviewer@demo.stagegate.kr', name: '둘째위원' });
    const secondToken = second.body.invitationUrl.split('/').pop();
    const declined = await call(null, 'POST', `/api/v1/review/invitations/${secondToken}/response`, { accept: false });
    expect(declined.body.reviewer).toMatchObject({ id: second.body.reviewer.id, status: 'declined' });
    expect((await call('new.reviewer@demo.stagegate.kr', 'GET', '/api/v1/review/me')).body.profiles[0].status).toBe('accepted');
    // the bound account itself may still change its answer, signed in
    const own = await call('new.reviewer@demo.stagegate.kr', 'POST', `/api/v1/review/invitations/${token}/response`, { accept: true });
    expect(own.body.reviewer.status).toBe('accepted');
  });

  it('lets a reviewer edit their own expertise but not their load, nor anyone else’s entry', async () => {
    const me = (await call('new.reviewer@demo.stagegate.kr', 'GET', '/api/v1/review/me')).body.profiles[0];
    expect(
      (await call('new.reviewer@demo.stagegate.kr', 'PATCH', `/api/v1/review/reviewers/${me.id}`, { keywords: ['영상', '판독'] })).body.reviewer.keywords,
    ).toEqual(['영상', '판독']);
    expect((await call('new.reviewer@demo.stagegate.kr', 'PATCH', `/api/v1/review/reviewers/${me.id}`, { maxLoad: 50 })).status).toBe(403);
    const other = (await call('reviewer@demo.stagegate.kr', 'GET', '/api/v1/review/me')).body.profiles[0];
    expect((await call('new.reviewer@demo.stagegate.kr', 'PATCH', `/api/v1/review/reviewers/${other.id}`, { profile: 'x' })).status).toBe(403);
  });
});

describe('several rounds with weights', () => {
  it('has no solution for a round without a panel, and says why', async () => {
    // rounds side by side: the program's documents round shortlists no one here, so every application is in both
    const program = (await call(OP, 'GET', '/api/v1/programs/specialized-fm')).body;
    const definition = structuredClone(program.definition);
    delete definition.calls[0].selectionRounds[0].shortlist;
    expect(
      (
        await call(OP, 'PUT', '/api/v1/programs/specialized-fm', {
          definition,
          expectedRevision: program.revision,
          mode: 'commit',
          reason: 'test: rounds side by side',
        })
      ).status,
    ).toBe(200);
    const overview = (await call(OP, 'GET', CALL)).body;
    const res = await call(OP, 'PUT', `${CALL}/config`, {
      blind: false,
      conflictYears: 3,
      aggregation: { method: 'mean', trimMinReviewers: 5, zScore: false },
      rounds: [
        { key: 'documents', name: { ko: '서면 평가', en: 'Document review' }, weight: 0.6, reviewsPerProposal: 3 },
        { key: 'presentation', name: { ko: '발표 평가', en: 'Presentation' }, weight: 0.4, reviewsPerProposal: 2 },
      ],
      expectedRevision: overview.config.revision,
      reason: '발표 평가 추가',
    });
    expect(res.status).toBe(200);
    const rounds = (await call(OP, 'GET', CALL)).body.rounds;
    const pres = rounds.find((r: { key: string }) => r.key === 'presentation');
    const run = (await call(OP, 'POST', `/api/v1/review/rounds/${pres.id}/runs`, { balance: false })).body.run;
    expect(run.status).toBe('no_solution');
    expect(run.result.reasons[0].kind).toBe('capacity-below-demand');
    expect(run.result.reasons[0].message.en).toContain('need 12 reviews');
  });

  it('combines rounds by their weights in the ranking', async () => {
    const pool = (await call(OP, 'GET', `${CALL}/reviewers`)).body.reviewers as { id: string; email: string }[];
    for (const e of ['reviewer2@demo.stagegate.kr', 'reviewer5@demo.stagegate.kr', 'reviewer6@demo.stagegate.kr', 'reviewer@demo.stagegate.kr']) {
      const id = pool.find((p) => p.email === e)!.id;
      expect((await call(OP, 'PATCH', `/api/v1/review/reviewers/${id}`, { rounds: ['documents', 'presentation'] })).status).toBe(200);
    }
    const rounds = (await call(OP, 'GET', CALL)).body.rounds as { id: string; key: string }[];
    for (const r of rounds) {
      const run = (await call(OP, 'POST', `/api/v1/review/rounds/${r.id}/runs`, { balance: true })).body.run;
      expect(run.status, r.key).toBe('complete');
      expect((await call(OP, 'POST', `/api/v1/review/runs/${run.id}/deploy`)).status).toBe(200);
    }
    // documents: 24 points in every group-sum; presentation: 30 more (60 vs 90 totals) for the first application
    const sums = new Map<string, { documents: number[]; presentation: number[] }>();
    for (const R of [...reviewerEmails, 'new.reviewer@demo.stagegate.kr']) {
      const { assignments } = (await call(R, 'GET', '/api/v1/review/me')).body;
      for (const a of assignments) {
        if (a.conflicted) continue;
        await call(R, 'POST', `/api/v1/review/me/rounds/${a.roundId}/pledge`, { accept: true });
        // documents on the call's criteria (20 + 15 + 25), the presentation on its own (20 + 35 + 35)
        const points: Record<string, number> =
          a.round.key === 'documents'
            ? { 'technical-capability': 20, 'development-goals': 15, 'marketability-impact': 25 }
            : { delivery: 20, feasibility: 35, 'execution-capacity': 35 };
        const scores = Object.fromEntries(Object.entries(points).map(([k, score]) => [k, { score, comment: '의견' }]));
        const res = await call(R, 'PUT', `/api/v1/review/me/rounds/${a.roundId}/applications/${a.applicationId}/sheet`, { scores, mode: 'submit' });
        expect(res.status).toBe(200);
        const s = sums.get(a.applicationId) ?? { documents: [], presentation: [] };
        s[a.round.key as 'documents' | 'presentation'].push(res.body.sheet.total);
        sums.set(a.applicationId, s);
      }
    }
    const ranking = (await call(OP, 'GET', `${CALL}/ranking`)).body;
    for (const row of ranking.rows) {
      const s = sums.get(row.applicationId)!;
      expect(row.perRound.documents.score).toBe(60);
      expect(row.perRound.presentation.score).toBe(90);
      expect(row.score).toBeCloseTo(0.6 * 60 + 0.4 * 90, 6);
      expect(s.presentation).toHaveLength(2);
    }
    // every application ties on score, groups and review count: the last stated tie-break (id) decides, and says so
    expect(ranking.rows[0].tieBreak.en).toBe(`tied on every criterion; ranked above ${ranking.rows[1].receiptNo} by id order`);
  });
});

describe("the call's task slots", () => {
  it('are the limit the desk and the ranking state, once the office changes them on the call', async () => {
    expect((await call(OP, 'GET', CALL)).body.taskCount).toBe(2);
    const program = (await call(OP, 'GET', '/api/v1/programs/specialized-fm')).body;
    const definition = structuredClone(program.definition);
    definition.calls[0].taskSlots = { count: 1, keys: ['sfm-01'] };
    const res = await call(OP, 'PUT', '/api/v1/programs/specialized-fm', {
      definition,
      expectedRevision: program.revision,
      mode: 'commit',
      reason: 'test: one slot',
    });
    expect(res.status).toBe(200);
    // the program still funds two tasks; this call, one
    expect(definition.taskCount).toBe(2);
    expect((await call(OP, 'GET', CALL)).body.taskCount).toBe(1);
    expect((await call(OP, 'GET', `${CALL}/ranking`)).body.taskCount).toBe(1);
  });
});
