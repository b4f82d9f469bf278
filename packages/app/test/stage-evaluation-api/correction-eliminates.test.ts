import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog, notifications, stageEvaluationDecisions, taskMembers, tasks, user } from '../../src/db/schema/index.ts';
import { verifyAuditChain } from '../../src/audit/audit-log.ts';
import { openKaiStageOne } from '../support/k-ai-stage-one.ts';
import { sweepReminders } from '../../src/notifications/reminder-sweep.ts';

// issue 16 item 4: a corrected decision may eliminate a team that continued under the one in force.
// On the K-AI demo kai-nc is last and eliminated; it appeals that its user evaluation was mis-counted;
// the office upholds, corrects the figure, and the corrected results put another team last.
let s: Awaited<ReturnType<typeof openKaiStageOne>>;
let t: typeof s.t;
let id = '';
let appealId = '';
const REASON = '사용자 평가 집계 누락을 확인해 kai-nc 점수를 바로잡습니다';
const call: typeof s.call = (...args) => s.call(...args);
const gpusOf = (key: string, day: string) => s.gpusOf(key, day);
const decide = (mode: 'preview' | 'commit') => s.decide('2026-02-02', mode);

beforeAll(async () => {
  s = await openKaiStageOne(['operator', 'applicant', 'nuri']);
  ({ t, id } = s);
  // the demo's K-AI teams have no accounts but kai-naver's: nuri joins kai-upstage so the team can be told and appeal
  const [nuri] = await t.ctx.db.select().from(user).where(eq(user.email, 'nuri@demo.stagegate.kr'));
  const [upstage] = await t.ctx.db.select().from(tasks).where(eq(tasks.key, 'kai-upstage'));
  await t.ctx.db.insert(taskMembers).values({ taskId: upstage!.id, clusterUsername: 'nuri-upstage', userId: nuri!.id, role: 'lead' });
  await s.importMeasurements('team,component,value\nkai-nc,user-evaluation,3.49');
  expect((await s.ruleGate('kai-naver', 'originality', true, { ko: '인코더 자체 학습 기록 확인', en: 'the encoders were trained in-house' })).status).toBe(200);
  const decided = await s.decideAndPublish('2026-01-12');
  expect(decided.outcomes.filter((o: { outcome: string }) => o.outcome === 'eliminate').map((o: { taskKey: string }) => o.taskKey)).toEqual(['kai-nc']);
  const filed = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/appeals`, {
    team: 'kai-nc',
    grounds: '사용자 평가 응답 일부가 집계에서 빠졌습니다. 원자료를 첨부합니다.',
    mode: 'commit',
  });
  expect(filed.status).toBe(200);
  appealId = filed.body.appealId;
  const upheld = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/appeals/${appealId}/resolution`, {
    outcome: 'upheld',
    reason: REASON,
    mode: 'commit',
  });
  expect(upheld.status).toBe(200);
  expect((await s.importMeasurements('team,component,value\nkai-nc,user-evaluation,4.95')).status).toBe(200);
}, 120_000);
afterAll(() => s?.dispose());

type Change = { taskKey: string; before: string; after: string };

describe('a correction that newly eliminates a team', () => {
  it('previews it: kai-nc continues, kai-upstage (now last) is out from the effective day, its GPUs split by the rule, Slurm follows, its own appeal window', async () => {
    const p = await decide('preview');
    expect(p.status).toBe(200);
    expect(p.body.changes.map((c: Change) => `${c.taskKey}:${c.before}→${c.after}`)).toEqual(['kai-nc:eliminate→continue', 'kai-upstage:continue→eliminate']);
    expect(p.body.ended).toEqual([{ taskKey: 'kai-upstage', poolKey: 'b200-pool', phaseKey: 'stage-2', gpus: 640, from: '2026-02-02' }]);
    // equal split over the four that remain: kai-upstage's 512 give each 128, as kai-nc's did, so
    // kai-nc holds its 512 plus 128 and the other three keep what they hold
    expect(p.body.restored).toEqual([{ taskKey: 'kai-nc', poolKey: 'b200-pool', phaseKey: 'stage-2', gpus: 640, start: '2026-02-02', end: '2026-08-31' }]);
    expect([p.body.takenBack, p.body.given]).toEqual([[], []]);
    expect(p.body.appealWindows).toEqual([{ taskKey: 'kai-upstage', lastDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), closesAt: expect.any(String) }]);
    expect(Date.parse(p.body.appealWindows[0].closesAt)).toBeGreaterThan(Date.now());
    const plan = p.body.slurmPlan.en.join('\n');
    // each phase has its own QOS (issue 16 item 7): the stage-2 QOS of the newly eliminated team is blocked
    expect(plan).toMatch(/block QOS sg-k-ai-kai-upstage-stage-2: new submissions refused/);
    expect(plan).toMatch(/sg-k-ai-kai-upstage-stage-2: concurrent GPUs 640 → 0/);
    // the restored team runs again under its own stage-2 QOS, created unblocked; its stage-1 QOS stays behind
    expect(plan).toMatch(/create QOS sg-k-ai-kai-nc-stage-2 of phase stage-2/);
    expect(plan).toMatch(/jobs now charge QOS sg-k-ai-kai-nc-stage-2/);
    expect(plan).not.toMatch(/block QOS sg-k-ai-kai-nc-stage-2/);
    // a preview changes nothing
    expect(await gpusOf('kai-upstage', '2026-02-02')).toBe(640);
    expect(await gpusOf('kai-nc', '2026-02-02')).toBe(0);
  });

  it('commits: allocations from the effective day, kai-upstage eliminated and told why with its window, audited and published', async () => {
    const done = await decide('commit');
    expect(done.status).toBe(200);
    expect(await gpusOf('kai-upstage', '2026-02-01')).toBe(640);
    expect(await gpusOf('kai-upstage', '2026-02-02')).toBe(0);
    expect(await gpusOf('kai-nc', '2026-02-01')).toBe(0);
    for (const team of ['kai-nc', 'kai-lg', 'kai-skt', 'kai-naver']) expect(await gpusOf(team, '2026-02-02')).toBe(640);
    const status = Object.fromEntries(
      (
        await t.ctx.db
          .select()
          .from(tasks)
          .where(inArray(tasks.key, ['kai-nc', 'kai-upstage']))
      ).map((x) => [x.key, x.status]),
    );
    expect(status).toEqual({ 'kai-nc': 'active', 'kai-upstage': 'eliminated' });

    const [decision] = await t.ctx.db.select().from(stageEvaluationDecisions).where(eq(stageEvaluationDecisions.evaluationId, id));
    const record = decision!.enforcement.find((r) => r.taskKey === 'kai-upstage')!;
    expect(record).toMatchObject({ action: 'eliminate', statusBefore: 'active', statusAfter: 'eliminated' });
    expect(record.allocationsEnded.length).toBeGreaterThan(0);
    expect(decision!.correction!.ended).toEqual([{ taskKey: 'kai-upstage', poolKey: 'b200-pool', phaseKey: 'stage-2', gpus: 640, from: '2026-02-02' }]);
    // the corrected split is what a later correction starts from
    expect(decision!.enforcement.find((r) => r.taskKey === 'kai-nc')!.gpusReceived).toEqual([{ poolKey: 'b200-pool', gpus: 128, from: '2026-02-02' }]);

    const corrected = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'stageEvaluation.correct'), eq(auditLog.objectId, id)));
    expect(corrected).toHaveLength(1);
    expect(corrected[0]!.after).toMatchObject({
      ended: [expect.objectContaining({ taskKey: 'kai-upstage' })],
      appealWindows: [expect.objectContaining({ taskKey: 'kai-upstage' })],
    });
    const eliminated = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'task'), eq(auditLog.objectId, 'kai-upstage')));
    expect(eliminated.map((a) => a.after)).toContainEqual({ status: 'eliminated' });
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);

    const told = (await t.ctx.db.select().from(notifications).where(eq(notifications.kind, 'decision-corrected'))).map(
      (n) => n.params as { team: string; outcome: string; gpusDelta: number; reasons?: unknown[]; appealClosesAt?: string },
    );
    const upstage = told.find((n) => n.team === 'kai-upstage')!;
    expect(upstage).toMatchObject({ outcome: 'eliminate', gpusDelta: -640, appealClosesAt: decision!.correction!.appealWindows![0]!.closesAt });
    expect(upstage.reasons!.length).toBeGreaterThan(0);

    const pub = await call('anonymous', 'GET', `/api/v1/public/stage-evaluations/${id}`);
    expect(pub.body.decisionVersion).toBe(2);
    expect(pub.body.standings.find((s: { team: string }) => s.team === 'kai-upstage').outcome).toBe('eliminate');
    expect(pub.body.corrections[0]).toMatchObject({
      team: 'kai-nc',
      reason: REASON,
      changes: expect.arrayContaining([{ taskKey: 'kai-upstage', before: 'continue', after: 'eliminate' }]),
      ended: [expect.objectContaining({ taskKey: 'kai-upstage', gpus: 640 })],
      appealWindows: [expect.objectContaining({ taskKey: 'kai-upstage' })],
    });
  });

  it('the reminder sweep reminds the newly eliminated team by its own window, not by the decision’s', async () => {
    await t.ctx.db
      .update(stageEvaluationDecisions)
      .set({ appealClosesAt: new Date(Date.now() - 60_000) })
      .where(eq(stageEvaluationDecisions.evaluationId, id));
    const [decision] = await t.ctx.db.select().from(stageEvaluationDecisions).where(eq(stageEvaluationDecisions.evaluationId, id));
    const closes = new Date(decision!.correction!.appealWindows![0]!.closesAt);
    await sweepReminders(t.ctx.db, { now: new Date(closes.getTime() - 24 * 3_600_000) });
    const reminded = (await t.ctx.db.select().from(notifications).where(eq(notifications.kind, 'reminder-appeal-closing'))).map(
      (n) => n.params as { team: string; closesAt: string },
    );
    expect(reminded).toEqual([expect.objectContaining({ team: 'kai-upstage', closesAt: closes.toISOString() })]);
  });

  it('the newly eliminated team appeals within its own window after the decision’s window has closed; the others may not', async () => {
    // the decision's window ends before the correction's: moved into the past here rather than waiting a week
    await t.ctx.db
      .update(stageEvaluationDecisions)
      .set({ appealClosesAt: new Date(Date.now() - 60_000) })
      .where(eq(stageEvaluationDecisions.evaluationId, id));
    const grounds = '정정된 사용자 평가 점수의 표본 수가 다른 팀과 다릅니다. 재검토를 요청합니다.';
    const late = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/appeals`, { team: 'kai-lg', grounds, mode: 'preview' });
    expect(late.status).toBe(422);
    expect(late.body.error.field).toBe('filedAt');
    // the deadline is stated in Seoul time, to the minute, never as a raw UTC instant
    expect(late.body.error.issues[0].message.ko).toMatch(/^이의 신청 기간이 \d{4}-\d{2}-\d{2} \d{2}:\d{2}\(한국 시간\)에 끝났습니다$/);
    expect(late.body.error.issues[0].message.en).toMatch(/KST$/);
    const own = await call('nuri', 'POST', `/api/v1/stage-evaluations/${id}/appeals`, { team: 'kai-upstage', grounds, mode: 'commit' });
    expect(own.status).toBe(200);
    const [decision] = await t.ctx.db.select().from(stageEvaluationDecisions).where(eq(stageEvaluationDecisions.evaluationId, id));
    expect(own.body.closesAt).toBe(decision!.correction!.appealWindows![0]!.closesAt);
  });
});
