import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog, notifications, stageEvaluationDecisionVersions, tasks } from '../../src/db/schema/index.ts';
import { verifyAuditChain } from '../../src/audit/audit-log.ts';
import { openKaiStageOne, RETRO } from '../support/k-ai-stage-one.ts';

// issue 16 item 4 on the K-AI demo: kai-naver, eliminated on the originality gate, appeals; the office
// upholds it, rules the gate passed after all and confirms the corrected decision
let s: Awaited<ReturnType<typeof openKaiStageOne>>;
let t: typeof s.t;
let id = '';
let appealId = '';
const call: typeof s.call = (...args) => s.call(...args);
const view = () => s.view();
const gpusOf = (key: string, day: string) => s.gpusOf(key, day);

beforeAll(async () => {
  s = await openKaiStageOne(['operator', 'applicant']);
  ({ t, id } = s);
  await s.importMeasurements('team,component,value\nkai-nc,user-evaluation,3.49');
  await s.ruleGate('kai-naver', 'originality', false, { ko: '외부 비전·오디오 인코더 가중치 재사용', en: 'reused external vision/audio encoder weights' });
  await s.decideAndPublish('2026-01-12');
  const filed = await call('applicant', 'POST', `/api/v1/stage-evaluations/${id}/appeals`, {
    team: 'kai-naver',
    grounds: '인코더는 자체 학습한 것이며 외부 가중치를 쓰지 않았습니다.',
    mode: 'commit',
  });
  appealId = filed.body.appealId;
});
afterAll(() => s?.dispose());

describe('an upheld appeal reopens the K-AI decision', () => {
  it('only the office upholds, with a reason; upholding reopens the decision and the inputs', async () => {
    const url = `/api/v1/stage-evaluations/${id}/appeals/${appealId}/resolution`;
    expect((await call('applicant', 'POST', url, { outcome: 'upheld', reason: '스스로 인용하려는 시도입니다', mode: 'commit' })).status).toBe(403);
    const preview = await call('operator', 'POST', url, {
      outcome: 'upheld',
      reason: '인코더 학습 기록을 확인해 독자성 관문 판정을 정정합니다',
      mode: 'preview',
    });
    expect(preview.body).toMatchObject({ status: 'preview', reopens: true });
    expect((await view()).evaluation.status).toBe('published');
    const done = await call('operator', 'POST', url, { outcome: 'upheld', reason: '인코더 학습 기록을 확인해 독자성 관문 판정을 정정합니다', mode: 'commit' });
    expect(done.status).toBe(200);
    expect((await view()).evaluation.status).toBe('reopened');
    const ruled = await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/teams/kai-naver/gates/originality/ruling`, {
      passed: true,
      reason: { ko: '인코더 자체 학습 기록 확인', en: 'the encoders were trained in-house' },
      mode: 'commit',
    });
    expect(ruled.status).toBe(200);
  });

  it('previews the difference: kai-naver continues and gets its GPUs back; the three others give back what it no longer leaves them', async () => {
    const v = await view();
    const noReason = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      decidedOn: '2026-02-02',
      expectedRevision: v.evaluation.revision,
      mode: 'preview',
    });
    expect(noReason.body.error.field).toBe('retroactiveReason');
    const tooEarly = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      decidedOn: '2026-01-12',
      ...RETRO,
      expectedRevision: v.evaluation.revision,
      mode: 'preview',
    });
    expect(tooEarly.body.error.field).toBe('decidedOn');
    const preview = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      decidedOn: '2026-02-02',
      ...RETRO,
      expectedRevision: v.evaluation.revision,
      mode: 'preview',
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ kind: 'correction', replacesVersion: 1, effectiveFrom: '2026-02-02', appeal: { team: 'kai-naver' } });
    expect(preview.body.changes.map((c: { taskKey: string; before: string; after: string }) => `${c.taskKey}:${c.before}→${c.after}`)).toEqual([
      'kai-naver:eliminate→continue',
    ]);
    // kai-nc stays eliminated: its 512 are split again over four teams (16 nodes each), so kai-naver
    // holds its 512 plus 128, and each of the three gives back its share of kai-naver's GPUs
    expect(preview.body.restored).toEqual([
      { taskKey: 'kai-naver', poolKey: 'b200-pool', phaseKey: 'stage-2', gpus: 640, start: '2026-02-02', end: '2026-08-31' },
    ]);
    expect(preview.body.takenBack.map((x: { taskKey: string; gpus: number }) => [x.taskKey, x.gpus])).toEqual([
      ['kai-lg', 216],
      ['kai-skt', 216],
      ['kai-upstage', 208],
    ]);
    const plan = preview.body.slurmPlan.en.join('\n');
    // a stage-2 allocation gives kai-naver the stage's own QOS, made unblocked, and moves its
    // account there; the eliminated stage-1 QOS (blocked) stays behind with its usage
    expect(plan).toMatch(/create QOS sg-k-ai-kai-naver-stage-2 of phase stage-2: 640 concurrent GPUs\n/);
    expect(plan).toMatch(/phase stage-2 starts for account sg-k-ai-kai-naver on cluster nacc: jobs now charge QOS sg-k-ai-kai-naver-stage-2/);
    expect(plan).toMatch(/kai-lg-stage-2: concurrent GPUs 856 → 640/);
    expect(await gpusOf('kai-naver', '2026-02-02')).toBe(0);
  });

  it('commits: allocations from the effective date, kai-naver reinstated, the old decision kept, audited, told and published', async () => {
    const v = await view();
    const done = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      decidedOn: '2026-02-02',
      ...RETRO,
      expectedRevision: v.evaluation.revision,
      mode: 'commit',
    });
    expect(done.status).toBe(200);
    expect(await gpusOf('kai-naver', '2026-02-01')).toBe(0);
    expect(await gpusOf('kai-naver', '2026-02-02')).toBe(640);
    for (const [team, held] of [
      ['kai-lg', 856],
      ['kai-skt', 856],
      ['kai-upstage', 848],
    ] as const) {
      expect(await gpusOf(team, '2026-02-01')).toBe(held);
      expect(await gpusOf(team, '2026-02-02')).toBe(640);
    }
    expect(await gpusOf('kai-nc', '2026-02-02')).toBe(0);
    const status = Object.fromEntries(
      (
        await t.ctx.db
          .select()
          .from(tasks)
          .where(inArray(tasks.key, ['kai-naver', 'kai-nc']))
      ).map((x) => [x.key, x.status]),
    );
    expect(status).toEqual({ 'kai-naver': 'active', 'kai-nc': 'eliminated' });
    const after = await view();
    expect(after.evaluation.status).toBe('published');
    expect(after.decision.version).toBe(2);
    const [old] = await t.ctx.db.select().from(stageEvaluationDecisionVersions).where(eq(stageEvaluationDecisionVersions.evaluationId, id));
    expect(old!.version).toBe(1);
    expect((old!.decision as { outcomes: { taskKey: string; outcome: string }[] }).outcomes.find((o) => o.taskKey === 'kai-naver')!.outcome).toBe('eliminate');
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, id)).orderBy(auditLog.seq);
    expect(audit.map((a) => a.action).filter((a) => a !== 'stageEvaluation.gate.rule' && a.startsWith('stageEvaluation.'))).toEqual(
      expect.arrayContaining(['stageEvaluation.reopen', 'stageEvaluation.correct']),
    );
    const reinstated = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'task.reinstate'), eq(auditLog.objectId, 'kai-naver')));
    expect(reinstated).toHaveLength(1);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
    const told = await t.ctx.db.select().from(notifications).where(eq(notifications.kind, 'decision-corrected'));
    expect(told.map((n) => (n.params as { team: string }).team)).toEqual(expect.arrayContaining(['kai-naver']));
    const pub = await call('anonymous', 'GET', `/api/v1/public/stage-evaluations/${id}`);
    expect(pub.body.decisionVersion).toBe(2);
    expect(pub.body.corrections).toEqual([
      expect.objectContaining({
        version: 2,
        replacesVersion: 1,
        effectiveFrom: '2026-02-02',
        team: 'kai-naver',
        reason: '인코더 학습 기록을 확인해 독자성 관문 판정을 정정합니다',
      }),
    ]);
    expect(pub.body.standings.find((s: { team: string }) => s.team === 'kai-naver').outcome).toBe('continue');
    // the correction is in force: inputs are the record again
    const late = await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/teams/kai-naver/gates/originality/ruling`, {
      passed: false,
      reason: { ko: '다시 바꾸려는 시도', en: 'again' },
      mode: 'commit',
    });
    expect(late.status).toBe(422);
  });

  it('a rejected appeal changes nothing', async () => {
    const filed = await call('applicant', 'POST', `/api/v1/stage-evaluations/${id}/appeals`, {
      team: 'kai-naver',
      grounds: '정정된 결정에 대한 추가 이의 신청입니다. 변경이 없어야 합니다.',
      mode: 'commit',
    });
    const revision = (await view()).evaluation.revision;
    const rejected = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/appeals/${filed.body.appealId}/resolution`, {
      outcome: 'rejected',
      reason: '정정된 결정으로 이미 해소되었습니다',
      mode: 'commit',
    });
    expect(rejected.body).toMatchObject({ status: 'committed', reopens: false });
    const v = await view();
    expect([v.evaluation.status, v.evaluation.revision]).toEqual(['published', revision]);
  });
});
