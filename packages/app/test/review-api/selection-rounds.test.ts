import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestServer } from '../support/test-context.ts';
import {
  CALL,
  NURI,
  OP,
  assignRound,
  callerFor,
  documentsSheet,
  overviewOf,
  presentationSheet,
  reviewerEmails,
  scoreAll as scoreRound,
  setUpTwoRounds,
  type App,
  type Caller,
  type Round,
} from '../support/two-round-selection.ts';
import { auditLog, mailOutbox, notifications, user } from '../../src/db/schema/index.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let call: Caller;
const overview = () => overviewOf(call);
const scoreAll = (
  roundId: string,
  scoreOf: (applicationId: string) => number,
  sheetOf: (total: number) => Record<string, { score: number; comment: string }> = documentsSheet,
) => scoreRound(call, roundId, scoreOf, sheetOf);

let apps: App[];
let documents: Round;
let presentation: Round;
const points = new Map<string, number>();

beforeAll(async () => {
  t = await createTestServer();
  call = await callerFor(t.app);
  // a shortlist of 3 where the office settles ties (the seed says 6, all tied pass): edited as program data
  ({ apps, documents, presentation } = await setUpTwoRounds(call, { kind: 'top', count: 3, ties: 'office-decides' }));
  // 누리금융AI first; the 3rd and 4th tie exactly at the cut
  const nuri = apps.find((a) => a.title === '금융 상담·심사 특화 언어모델')!;
  const rest = apps.filter((a) => a !== nuri);
  [nuri, ...rest].forEach((a, i) => points.set(a.id, [90, 80, 70, 70, 60, 50][i]!));
}, 120_000);
afterAll(() => t.dispose());

describe('selection in rounds', () => {
  it('shows the rounds with their rule; the presentation waits for the documents shortlist and takes no assignment yet', async () => {
    expect(documents).toMatchObject({ state: 'open', entrants: 6, statement: { ko: '상위 3건 통과 (경계 동점은 사업단이 사유와 함께 결정)' } });
    expect(presentation).toMatchObject({ state: 'waiting', entrants: 0, statement: null });
    // each round shows what it is scored on: the documents on the call's criteria, the presentation on its own
    const criteria = (r: Round) =>
      (r as unknown as { criteria: { criteria: { name: { ko: string }; points: number }[] } }).criteria.criteria.map((c) => `${c.name.ko} ${c.points}`);
    expect(criteria(documents)).toEqual(['기술력 및 개발 경험 30', '개발 목표 30', '시장성 및 파급효과 40']);
    expect(criteria(presentation)).toEqual(['발표 전달력 20', '실현 가능성 40', '수행 역량 40']);
    const refused = await call(OP, 'POST', `/api/v1/review/rounds/${presentation.id}/runs`, { balance: false });
    expect(refused.status).toBe(409);
    expect(refused.body.error.issues[0].message.ko).toBe('앞 단계(서면 평가)를 마감해야 이 단계 대상이 정해집니다');
  });

  it('refuses to close while reviews are missing: a missing score is not zero', async () => {
    await assignRound(call, documents.id);
    const early = await call(OP, 'POST', `/api/v1/review/rounds/${documents.id}/close`, { mode: 'preview' });
    expect(early.status).toBe(422);
    expect(early.body.error.issues).toHaveLength(6);
    expect(early.body.error.issues[0].message.ko).toContain('빠진 점수를 0점으로 보지 않습니다');
  });

  it('previews the shortlist with the tie at the cut named for the office, and commits the office’s choice with a reason', async () => {
    await scoreAll(documents.id, (id) => points.get(id)!);
    const preview = await call(OP, 'POST', `/api/v1/review/rounds/${documents.id}/close`, { mode: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.body.status).toBe('tie-decision');
    expect(preview.body.tie).toMatchObject({ places: 1, rule: 'office-decides' });
    const tied = preview.body.tied as { applicationId: string; score: number }[];
    expect(tied.map((x) => x.score)).toEqual([70, 70]);
    const pick = tied[1]!.applicationId;
    const noReason = await call(OP, 'POST', `/api/v1/review/rounds/${documents.id}/close`, { mode: 'commit', tiePasses: [pick] });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.field).toBe('reason');
    // closing at all needs a reason on commit, not only a tie decision; the preview does not
    const bare = await call(OP, 'POST', `/api/v1/review/rounds/${documents.id}/close`, { mode: 'commit', tiePasses: [pick], reason: '   ' });
    expect(bare.status).toBe(422);
    expect(bare.body.error.field).toBe('reason');
    const chosen = await call(OP, 'POST', `/api/v1/review/rounds/${documents.id}/close`, { mode: 'preview', tiePasses: [pick], reason: '발표 가능 일정 확인' });
    expect(chosen.body.status).toBe('preview');
    expect(chosen.body.passes.map((p: { applicationId: string }) => p.applicationId)).toContain(pick);
    expect(chosen.body.passes).toHaveLength(3);
    expect((await overview()).rounds.find((r) => r.key === 'documents')!.state).toBe('open');
    const commit = await call(OP, 'POST', `/api/v1/review/rounds/${documents.id}/close`, { mode: 'commit', tiePasses: [pick], reason: '발표 가능 일정 확인' });
    expect(commit.status).toBe(200);
    expect(commit.body.status).toBe('committed');
    expect(commit.body.passes.map((p: { score: number }) => p.score)).toEqual([90, 80, 70]);
    expect(commit.body.leaves.map((p: { score: number; tied: boolean }) => [p.score, p.tied])).toEqual([
      [70, true],
      [60, false],
      [50, false],
    ]);
    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'review.round.close'), eq(auditLog.objectId, documents.id)));
    expect(audit!.reason).toBe('발표 가능 일정 확인');
    expect(audit!.after).toMatchObject({ round: 'documents', opens: 'presentation', tie: { places: 1, rule: 'office-decides' } });
    const rounds = (await overview()).rounds;
    expect(rounds.find((r) => r.key === 'documents')).toMatchObject({ state: 'closed', passed: 3, left: 3, tied: 2 });
    expect(rounds.find((r) => r.key === 'presentation')).toMatchObject({ state: 'open', entrants: 3 });
    expect((await call(OP, 'POST', `/api/v1/review/rounds/${documents.id}/close`, { mode: 'commit', tiePasses: [pick], reason: 'again' })).status).toBe(422);
  });

  it('tells each applicant in the inbox and by mail, and the application’s history shows the round', async () => {
    const [nuri] = await t.ctx.db.select().from(user).where(eq(user.email, NURI));
    const inbox = await t.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, nuri!.id), eq(notifications.kind, 'round-result')));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.params).toMatchObject({ passed: true, next: { ko: '발표 평가' } });
    const mail = await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toEmail, NURI));
    expect(mail.some((m) => m.subject.includes('서면 평가 결과') && m.body.includes('서면 평가를 통과했습니다'))).toBe(true);
    const nuriApp = apps.find((a) => a.title === '금융 상담·심사 특화 언어모델')!;
    const history = (await call(NURI, 'GET', `/api/v1/applications/${nuriApp.id}/history`)).body.events as { kind: string; detail: Record<string, unknown> }[];
    expect(history.find((e) => e.kind === 'round')).toMatchObject({ detail: { round: 'documents', roundKo: '서면 평가', passed: true } });
  });

  it('assigns and scores only the shortlisted in the next round, and the final ranking combines rounds by weight', async () => {
    const run = (await call(OP, 'POST', `/api/v1/review/rounds/${presentation.id}/runs`, { balance: true })).body.run;
    expect(run.status).toBe('complete');
    const passed = new Set(
      (await call(OP, 'GET', `${CALL}/ranking`)).body.rows
        .filter((r: { leftRound: unknown }) => !r.leftRound)
        .map((r: { applicationId: string }) => r.applicationId),
    );
    expect(passed.size).toBe(3);
    for (const [applicationId] of run.result.assignments as [string, string][]) expect(passed.has(applicationId)).toBe(true);
    expect((await call(OP, 'POST', `/api/v1/review/runs/${run.id}/deploy`)).status).toBe(200);
    // the presentation reverses the documents order: documents weigh 0, so the presentation alone ranks
    // the presentation is scored on its own criteria: a sheet on the documents' criteria is refused there
    let who: { email: string; applicationId: string } | undefined;
    for (const email of reviewerEmails) {
      const me = (await call(email, 'GET', '/api/v1/review/me')).body;
      const one = me.assignments.find((a: { roundId: string; conflicted: boolean }) => a.roundId === presentation.id && !a.conflicted);
      if (one) {
        who = { email, applicationId: one.applicationId };
        break;
      }
    }
    expect(who, 'a reviewer with a presentation assignment').toBeDefined();
    const { email, applicationId } = who!;
    expect((await call(email, 'POST', `/api/v1/review/me/rounds/${presentation.id}/pledge`, { accept: true })).status).toBe(200);
    const form = (await call(email, 'GET', `/api/v1/review/me/rounds/${presentation.id}/applications/${applicationId}`)).body.form;
    expect(form.criteria.map((c: { name: { ko: string }; points: number }) => `${c.name.ko} ${c.points}`)).toEqual([
      '발표 전달력 20',
      '실현 가능성 40',
      '수행 역량 40',
    ]);
    const wrong = await call(email, 'PUT', `/api/v1/review/me/rounds/${presentation.id}/applications/${applicationId}/sheet`, {
      scores: documentsSheet(50),
      mode: 'submit',
    });
    expect(wrong.status).toBe(422);
    await scoreAll(presentation.id, (id) => 100 - points.get(id)!, presentationSheet);
    const ranking = (await call(OP, 'GET', `${CALL}/ranking`)).body.rows as {
      applicationId: string;
      rank: number | null;
      score: number | null;
      leftRound: { key: string } | null;
    }[];
    const ranked = ranking.filter((r) => r.rank !== null);
    expect(ranked.map((r) => r.score)).toEqual([30, 20, 10]);
    expect(ranking.filter((r) => r.leftRound?.key === 'documents')).toHaveLength(3);
    // the last round ends with the selection, not a shortlist
    const last = await call(OP, 'POST', `/api/v1/review/rounds/${presentation.id}/close`, { mode: 'preview' });
    expect(last.status).toBe(422);
    expect(last.body.error.issues[0].message.en).toBe('the Presentation review is the last round (the last round ends with the selection decision)');
    // an application that left a round cannot be selected
    const gone = ranking.find((r) => r.leftRound)!;
    const sel = await call(OP, 'PUT', `${CALL}/selection`, {
      decisions: [{ applicationId: gone.applicationId, outcome: 'selected', reason: '선정' }],
      mode: 'preview',
    });
    expect(sel.status).toBe(422);
    expect(sel.body.error.issues[0].message.ko).toBe('서면 평가 단계에서 압축 대상에 들지 못한 신청은 선정할 수 없습니다');
  });

  it('keeps a closed round in place: it cannot be removed or moved, and its assignment no longer changes', async () => {
    const o = await overview();
    const moved = await call(OP, 'PUT', `${CALL}/config`, {
      blind: o.config.blind,
      conflictYears: o.config.conflictYears,
      aggregation: o.config.aggregation,
      rounds: [{ key: 'presentation', name: { ko: '발표 평가', en: 'Presentation review' }, weight: 1, reviewsPerProposal: 3 }],
      expectedRevision: o.config.revision,
    });
    expect(moved.status).toBe(422);
    expect(moved.body.error.issues[0].message.ko).toContain('마감된 평가 단계 "서면 평가"');
    const manual = await call(OP, 'POST', `/api/v1/review/rounds/${documents.id}/assignment/manual`, { add: [], remove: [], mode: 'preview' });
    expect(manual.status).toBe(409);
  });
});
