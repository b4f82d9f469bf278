import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, taskMembers, tasks, user } from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

// specialized-fm: stage goals decide phase 2 (continueIfStageGoalsMet); a scheme change to a
// threshold policy (advanceAtThreshold) shows the proposal following the current version.
let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
let id = '';

type Who = 'operator' | 'reviewer' | 'applicant' | 'evaluator';
async function call(who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: { cookie: cookie[who]! } });
  return { status: res.statusCode, body: res.json() };
}
const view = async () => (await call('operator', 'GET', `/api/v1/stage-evaluations/${id}`)).body;
const outcomes = (v: { proposal: { items: { team: string; outcome: string; basis?: string }[] } }) =>
  Object.fromEntries(v.proposal.items.map((i) => [i.team, `${i.outcome}${i.basis ? `:${i.basis}` : ''}`]));

beforeAll(async () => {
  t = await createTestServer();
  for (const who of ['operator', 'reviewer', 'applicant', 'evaluator'] as const) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
  const [applicant] = await t.ctx.db.select().from(user).where(eq(user.email, 'applicant@demo.stagegate.kr'));
  for (const key of ['sfmx-01', 'sfmx-02']) {
    const [row] = await t.ctx.db
      .insert(tasks)
      .values({ programSlug: 'specialized-fm', key, name: { ko: `특화 과제 ${key}`, en: `Specialized task ${key}` } })
      .returning();
    if (key === 'sfmx-02') await t.ctx.db.insert(taskMembers).values({ taskId: row!.id, clusterUsername: 'sfm02lead', userId: applicant!.id });
  }
});
afterAll(() => t.dispose());

describe('specialized-fm stage evaluation: goals, thresholds, appeals', () => {
  it('opens with a preview first and only the named teams, refusing an unknown phase', async () => {
    const bad = await call('operator', 'POST', '/api/v1/stage-evaluations', {
      program: 'specialized-fm',
      stageKey: 'phase-9',
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      mode: 'validate',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('stageKey');
    const body = { program: 'specialized-fm', stageKey: 'phase-1', periodStart: '2026-03-01', periodEnd: '2026-03-31', teams: ['sfmx-01', 'sfmx-02'] };
    const preview = await call('operator', 'POST', '/api/v1/stage-evaluations', { ...body, mode: 'preview' });
    expect(preview.body.status).toBe('preview');
    expect(preview.body.teams.map((x: { key: string }) => x.key)).toEqual(['sfmx-01', 'sfmx-02']);
    expect((await call('operator', 'GET', '/api/v1/stage-evaluations?program=specialized-fm')).body.evaluations).toEqual([]);
    const made = await call('operator', 'POST', '/api/v1/stage-evaluations', { ...body, mode: 'commit' });
    expect(made.body.status).toBe('committed');
    id = made.body.id;
    const twice = await call('operator', 'POST', '/api/v1/stage-evaluations', { ...body, mode: 'commit' });
    expect(twice.status).toBe(422);
    const v = await view();
    expect(v.evaluation.nextPhaseKey).toBe('phase-2');
  });

  it('proposes phase 2 only for the team that met all its stage goals', async () => {
    const needsEvidence = await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/teams/sfmx-01/goals`, {
      component: 'stage-goals',
      goals: [{ goal: 'KMMLU-Pro 60% 이상', met: true }],
      mode: 'commit',
    });
    expect(needsEvidence.status).toBe(422);
    expect(needsEvidence.body.error.field).toBe('goals.0.evidence');
    const g1 = await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/teams/sfmx-01/goals`, {
      component: 'stage-goals',
      goals: [
        { goal: 'KMMLU-Pro 60% 이상', met: true, evidence: '평가 실행 결과 61.2%' },
        { goal: '의료 QA 벤치마크 공개', met: true, evidence: '공개 저장소 링크' },
      ],
      mode: 'commit',
    });
    expect(g1.body).toMatchObject({ status: 'committed', met: 2, declared: 2 });
    await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/teams/sfmx-02/goals`, {
      component: 'stage-goals',
      goals: [
        { goal: '법률 추론 정확도 70%', met: false, evidence: '측정 결과 58%' },
        { goal: '사전학습 1T 토큰', met: true, evidence: '학습 로그' },
      ],
      mode: 'commit',
    });
    const scores = ['sfmx-01', 'sfmx-02'].flatMap((team, i) =>
      ['A', 'B', 'C'].map((expert, j) => ({ team, component: 'expert-panel', expert, score: 70 + 10 * i + j })),
    );
    expect((await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/expert-scores`, { entries: scores, mode: 'commit' })).status).toBe(200);
    const outOfScale = await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/expert-scores`, {
      entries: [{ team: 'sfmx-01', component: 'expert-panel', expert: 'A', score: 140 }],
      mode: 'commit',
    });
    expect(outOfScale.body.error.field).toBe('entries.0.score');
    const v = await view();
    expect(v.issues).toEqual([]);
    expect(outcomes(v)).toEqual({ 'sfmx-01': 'continue', 'sfmx-02': 'eliminate:stageGoals' });
    // 70 × 1/2 goals + 30 × trimmed mean 81 / 100 = 35 + 24.3
    expect(v.results.find((r: { team: string }) => r.team === 'sfmx-02').total).toBe(59.3);
  });

  it('follows a new scheme version: a threshold policy decides on points', async () => {
    const v = await view();
    const scheme = { ...v.scheme, decisionPolicy: { kind: 'advanceAtThreshold', minPoints: 80 } };
    const made = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/scheme-versions`, {
      scheme,
      reason: { ko: '2단계 진출 기준을 80점으로 공고', en: 'phase-2 threshold published as 80 points' },
      expectedRevision: v.evaluation.revision,
      mode: 'commit',
    });
    expect(made.body.changes).toEqual(['scheme.decisionPolicy.kind', 'scheme.decisionPolicy.minPoints', 'scheme.decisionPolicy.nextPhase']);
    const after = await view();
    expect(after.evaluation.schemeVersion).toBe(2);
    // sfmx-01: 70 + 30 × 71 / 100 = 91.3; sfmx-02: 59.3
    expect(outcomes(after)).toEqual({ 'sfmx-01': 'continue', 'sfmx-02': 'eliminate:threshold' });
  });

  it('records a departure from the proposal with its reason, then takes an appeal in time and its resolution', async () => {
    const v = await view();
    const decided = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      overrides: { 'sfmx-02': 'continue' },
      departureReason: '측정 오류가 확인되어 재측정 조건으로 계속 지원',
      expectedRevision: v.evaluation.revision,
      mode: 'commit',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.departures).toEqual(['sfmx-02']);
    const after = await view();
    expect(after.decision.departureReason).toContain('재측정');
    expect(after.decision.outcomes.find((o: { taskKey: string }) => o.taskKey === 'sfmx-02')).toMatchObject({ proposed: 'eliminate', outcome: 'continue' });
    const [sfm02] = await t.ctx.db.select().from(tasks).where(eq(tasks.key, 'sfmx-02'));
    expect(sfm02!.status).toBe('active');
    // the appeal window opens at publication
    expect(
      (
        await call('applicant', 'POST', `/api/v1/stage-evaluations/${id}/appeals`, {
          team: 'sfmx-02',
          grounds: '법률 추론 정확도 측정에 잘못된 평가 세트 버전이 쓰였습니다.',
          mode: 'preview',
        })
      ).body.error.field,
    ).toBe('status');
    expect((await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/publish`, { mode: 'commit' })).status).toBe(200);
    // each team hears its own outcome, the reasons and the appeal deadline (issue 15 item 3)
    const told = (await call('applicant', 'GET', '/api/v1/me/notifications')).body.notifications.filter((n: { kind: string }) => n.kind === 'stage-decision');
    expect(told.map((n: { title: { ko: string } }) => n.title.ko)).toEqual([expect.stringContaining('sfmx-02')]);
    expect(told[0].text.ko).toContain("sfmx-02 과제는 '계속 지원'으로 결정되었습니다");
    expect(told[0].text.ko).toMatch(/이의 신청 마감: \d{4}년 \d{1,2}월 \d{1,2}일 \d{2}:\d{2} \(한국 시간\)/);

    expect(
      (await call('reviewer', 'POST', `/api/v1/stage-evaluations/${id}/appeals`, { team: 'sfmx-01', grounds: 'x'.repeat(30), mode: 'commit' })).status,
    ).toBe(403);
    const other = await call('applicant', 'POST', `/api/v1/stage-evaluations/${id}/appeals`, {
      team: 'sfmx-01',
      grounds: '다른 팀의 결정에 대한 이의 신청입니다 — 거절되어야 합니다.',
      mode: 'commit',
    });
    expect(other.status).toBe(403);
    const short = await call('applicant', 'POST', `/api/v1/stage-evaluations/${id}/appeals`, { team: 'sfmx-02', grounds: '짧음', mode: 'commit' });
    expect(short.body.error.field).toBe('grounds');
    const filed = await call('applicant', 'POST', `/api/v1/stage-evaluations/${id}/appeals`, {
      team: 'sfmx-02',
      grounds: '법률 추론 정확도 측정에 잘못된 평가 세트 버전이 쓰였습니다.',
      mode: 'commit',
    });
    expect(filed.status).toBe(200);
    const appealId = filed.body.appealId;
    const mine = await call('applicant', 'GET', `/api/v1/stage-evaluations/${id}/teams/sfmx-02`);
    expect(mine.body.appeals).toHaveLength(1);
    expect(mine.body.outcome.outcome).toBe('continue');
    expect((await call('applicant', 'GET', `/api/v1/stage-evaluations/${id}/teams/sfmx-01`)).status).toBe(403);

    expect(
      (
        await call('applicant', 'POST', `/api/v1/stage-evaluations/${id}/appeals/${appealId}/resolution`, {
          outcome: 'upheld',
          reason: '스스로 처리할 수 없습니다',
          mode: 'commit',
        })
      ).status,
    ).toBe(403);
    const noReason = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/appeals/${appealId}/resolution`, {
      outcome: 'rejected',
      reason: '',
      mode: 'commit',
    });
    expect(noReason.body.error.field).toBe('reason');
    const resolved = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/appeals/${appealId}/resolution`, {
      outcome: 'rejected',
      reason: '평가 세트 버전은 공고된 판과 같음을 확인했습니다',
      mode: 'commit',
    });
    expect(resolved.body.status).toBe('committed');
    const again = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/appeals/${appealId}/resolution`, {
      outcome: 'upheld',
      reason: '다시 처리하려는 시도입니다',
      mode: 'commit',
    });
    expect(again.body.error.field).toBe('status');
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, appealId)).orderBy(auditLog.seq);
    expect(audit.map((a) => a.action)).toEqual(['stageEvaluation.appeal.file', 'stageEvaluation.appeal.resolve']);
  });
});
