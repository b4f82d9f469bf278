import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { consortiumMembers } from '@stagegate/core/eligibility/consortium';
import { allocations, stageEvaluationAppeals, stageEvaluationDecisions, stageEvaluations, tasks } from '../../src/db/schema/index.ts';
import { submittedApplications } from '../../src/review/review-call.ts';
import { openKaiStageOne } from '../support/k-ai-stage-one.ts';

// issue 15: the office desk's groups that wait on a team or a reviewer — appeals, change requests
// other than supplements, conflicts found after assignment — and the evaluations on its calendar.
let s: Awaited<ReturnType<typeof openKaiStageOne>>;
let evaluationId = '';
const REVIEW = '/api/v1/review/calls/specialized-fm/2025-call';

interface Item {
  id: string;
  label: { ko: string; en: string };
  since: string;
  link: string;
}
interface Group {
  kind: string;
  total: number;
  items: Item[];
}
interface Entry {
  program: string;
  kind: string;
  title: { ko: string; en: string };
  start: string;
  end: string;
  closesAt: string | null;
  when: string;
}
const home = async () =>
  (await s.call('operator', 'GET', '/api/v1/office/home')).body as {
    waiting: Group[];
    calendar: { entries: Entry[]; deadlines: { kind: string; closesAt: string }[] };
  };
const group = async (kind: string) => (await home()).waiting.find((g) => g.kind === kind)!;

beforeAll(async () => {
  s = await openKaiStageOne(['operator', 'applicant', 'reviewer']);
  evaluationId = s.id;
  // what the K-AI demo still lacks before its first stage can be decided: one team's user evaluation and a gate ruling
  expect((await s.importMeasurements('team,component,value\nkai-nc,user-evaluation,3.49')).status).toBe(200);
  expect((await s.ruleGate('kai-naver', 'originality', true, { ko: '인코더 자체 학습 기록 확인', en: 'the encoders were trained in-house' })).status).toBe(200);
}, 120_000);
afterAll(() => s?.dispose());

describe('issue 15: what waits for the office', () => {
  it('lists a team’s appeal with the team, the evaluation and the page to decide it on, until it is decided', async () => {
    const before = await group('appeals');
    await s.decideAndPublish('2026-01-12');
    const filed = await s.call('operator', 'POST', `/api/v1/stage-evaluations/${evaluationId}/appeals`, {
      team: 'kai-nc',
      grounds: '사용자 평가 응답 일부가 집계에서 빠졌습니다. 원자료를 첨부합니다.',
      mode: 'commit',
    });
    expect(filed.status).toBe(200);
    const appealId = filed.body.appealId as string;
    const [{ name }] = await s.t.ctx.db.select({ name: stageEvaluations.name }).from(stageEvaluations).where(eq(stageEvaluations.id, evaluationId));
    const [row] = await s.t.ctx.db.select().from(stageEvaluationAppeals).where(eq(stageEvaluationAppeals.id, appealId));

    const waiting = await group('appeals');
    expect(waiting.total).toBe(before.total + 1);
    expect(waiting.items.find((i) => i.id === appealId)).toEqual({
      id: appealId,
      label: { ko: `kai-nc · ${name.ko}`, en: `kai-nc · ${name.en}` },
      since: row!.filedAt.toISOString(),
      link: `/stage-evaluations/${evaluationId}`,
    });

    const resolved = await s.call('operator', 'POST', `/api/v1/stage-evaluations/${evaluationId}/appeals/${appealId}/resolution`, {
      outcome: 'rejected',
      reason: '사용자 평가 원자료와 집계가 일치함을 확인했습니다',
      mode: 'commit',
    });
    expect(resolved.body.status).toBe('committed');
    const after = await group('appeals');
    expect(after.total).toBe(before.total);
    expect(after.items.some((i) => i.id === appealId)).toBe(false);
  });

  it('lists a team’s request other than a supplement under change requests, not supplements, until the office decides', async () => {
    const [sfm01] = await s.t.ctx.db.select().from(tasks).where(eq(tasks.key, 'sfm-01'));
    const held = await s.t.ctx.db.select().from(allocations).where(eq(allocations.taskId, sfm01!.id));
    const own = held.find((a) => a.phaseKey === 'phase-2')!;
    const [requestsBefore, supplementsBefore] = [await group('changeRequests'), await group('supplements')];
    const filed = await s.call('applicant', 'POST', '/api/v1/programs/specialized-fm/change-requests', {
      mode: 'commit',
      reason: '학습 종료로 반납',
      request: { kind: 'reduction', allocationId: own.id, removeGpus: 64, effectiveFrom: '2026-08-01' },
    });
    expect(filed.status).toBe(200);
    const id = filed.body.request.id as string;

    const requests = await group('changeRequests');
    expect(requests.total).toBe(requestsBefore.total + 1);
    const item = requests.items.find((i) => i.id === id)!;
    // the Korean desk names the kind in Korean (it read "reduction" before this test)
    expect(item.label).toEqual({ ko: 'sfm-01 · 감축', en: 'sfm-01 · reduction' });
    expect(item.link).toBe('/allocations');
    expect((await group('supplements')).total).toBe(supplementsBefore.total);

    expect((await s.call('operator', 'POST', `/api/v1/change-requests/${id}/reject`, { reason: '평가 일정상 유지' })).status).toBe(200);
    const after = await group('changeRequests');
    expect(after.total).toBe(requestsBefore.total);
    expect(after.items.some((i) => i.id === id)).toBe(false);
  });

  it('lists a conflict found after assignment with the receipt, what was found and the call’s conflicts page, until reassigned', async () => {
    const before = await group('lateConflicts');
    const roundId = (await s.call('operator', 'GET', REVIEW)).body.rounds[0].id as string;
    const run = (await s.call('operator', 'POST', `/api/v1/review/rounds/${roundId}/runs`, { balance: true })).body.run;
    expect((await s.call('operator', 'POST', `/api/v1/review/runs/${run.id}/deploy`)).status).toBe(200);
    // after assignment the office learns the reviewer now works at a proposal's lead institution
    const mine = (await s.call('reviewer', 'GET', '/api/v1/review/me')).body.assignments as { applicationId: string }[];
    const target = mine[0]!.applicationId;
    const app = (await submittedApplications(s.t.ctx.db, 'specialized-fm', '2025-call')).find((a) => a.id === target)!;
    const lead = consortiumMembers(app.consortium)[0]!;
    const pool = (await s.call('operator', 'GET', `${REVIEW}/reviewers`)).body.reviewers as { id: string; email: string }[];
    const me = pool.find((p) => p.email === 'reviewer@demo.stagegate.kr')!;
    const patched = await s.call('operator', 'PATCH', `/api/v1/review/reviewers/${me.id}`, {
      affiliations: [{ organisationName: lead.name, ...(lead.registrationNo ? { registrationNo: lead.registrationNo } : {}), fromYear: 2026, toYear: null }],
    });
    expect(patched.status).toBe(200);
    expect((await s.call('operator', 'POST', `${REVIEW}/conflicts/detect`)).body.withdrawn).toBeGreaterThanOrEqual(1);
    const late = (await s.call('operator', 'GET', `${REVIEW}/late-conflicts`)).body.withdrawals as {
      id: string;
      applicationId: string;
      reviewerId: string;
      detail: { ko: string; en: string };
    }[];
    const withdrawals = late.filter((w) => w.reviewerId === me.id);
    const w = withdrawals.find((x) => x.applicationId === target)!;

    const waiting = await group('lateConflicts');
    expect(waiting.total).toBe(before.total + withdrawals.length);
    const item = waiting.items.find((i) => i.id === w.id)!;
    expect(item.label).toEqual({ ko: `${app.receiptNo} · ${w.detail.ko}`, en: `${app.receiptNo} · ${w.detail.en}` });
    expect(item.label.ko).toContain(lead.name);
    expect(item.link).toBe('/review/office/specialized-fm/2025-call/conflicts');

    const reassigned = await s.call('operator', 'POST', `/api/v1/review/withdrawals/${w.id}/reassign`, {
      mode: 'commit',
      reason: '이해충돌로 철회된 평가 재배정',
    });
    expect(reassigned.status).toBe(200);
    const after = await group('lateConflicts');
    expect(after.total).toBe(waiting.total - 1);
    expect(after.items.some((i) => i.id === w.id)).toBe(false);
  });
});

describe('issue 15: evaluations on the office calendar', () => {
  it('shows the K-AI stage evaluation over its period and its appeal window up to the decision’s deadline', async () => {
    const [evaluation] = await s.t.ctx.db.select().from(stageEvaluations).where(eq(stageEvaluations.id, evaluationId));
    const [decision] = await s.t.ctx.db.select().from(stageEvaluationDecisions).where(eq(stageEvaluationDecisions.evaluationId, evaluationId));
    const { calendar } = await home();
    const stage = calendar.entries.find((e) => e.program === 'k-ai' && e.kind === 'stage-evaluation' && e.title.en === evaluation!.name.en)!;
    expect(stage).toMatchObject({ title: evaluation!.name, start: evaluation!.periodStart, end: evaluation!.periodEnd, closesAt: null });
    const window = calendar.entries.find((e) => e.program === 'k-ai' && e.kind === 'appeal-window')!;
    expect(window.title.ko).toBe(`${evaluation!.name.ko} 이의신청 기간`);
    expect(window.closesAt).toBe(decision!.appealClosesAt!.toISOString());
    // the window is still open: it is a deadline ahead, and it is on now
    expect(window.when).toBe('now');
    expect(calendar.deadlines).toContainEqual(expect.objectContaining({ kind: 'appeal-window', closesAt: window.closesAt }));
  });

  it('shows the final evaluations, from the day each was opened', async () => {
    const finals = (await s.call('operator', 'GET', '/api/v1/final-evaluations')).body.finalEvaluations as {
      program: string;
      name: { ko: string; en: string };
    }[];
    expect(finals.length).toBeGreaterThan(0);
    const { calendar } = await home();
    const onCalendar = calendar.entries.filter((e) => e.kind === 'final-evaluation');
    expect(onCalendar.map((e) => [e.program, e.title.en]).sort()).toEqual(finals.map((f) => [f.program, f.name.en]).sort());
    for (const e of onCalendar) expect(e.end >= e.start).toBe(true);
  });
});
