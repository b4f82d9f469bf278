import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mailOutbox, notifications, stageEvaluationDecisions, stageEvaluations, taskMembers, tasks, user } from '../../src/db/schema/index.ts';
import { sweepReminders } from '../../src/notifications/reminder-sweep.ts';
import { openKaiStageOne } from '../support/k-ai-stage-one.ts';

// issue 15: a decision as first published (not corrected) gives every team the decision's appeal
// window; a team that has not appealed is reminded before it ends, in its inbox and by mail.
let s: Awaited<ReturnType<typeof openKaiStageOne>>;
let closesAt: Date;
let evaluationName: { ko: string; en: string };
const APPLICANT = 'applicant@demo.stagegate.kr';
const NURI = 'nuri@demo.stagegate.kr';
let applicantTeam = '';

const userId = async (email: string) => (await s.t.ctx.db.select({ id: user.id }).from(user).where(eq(user.email, email)))[0]!.id;
const reminders = async (email: string) =>
  (await s.call(email.split('@')[0]!, 'GET', '/api/v1/me/notifications')).body.notifications.filter(
    (n: { kind: string }) => n.kind === 'reminder-appeal-closing',
  ) as { id: string; title: { ko: string; en: string }; text: { ko: string; en: string }; link: string | null }[];

beforeAll(async () => {
  s = await openKaiStageOne(['operator', 'applicant', 'nuri']);
  const { t } = s;
  // nuri joins kai-upstage, which appeals in time: a team that has appealed is not reminded
  const [upstage] = await t.ctx.db.select().from(tasks).where(eq(tasks.key, 'kai-upstage'));
  await t.ctx.db.insert(taskMembers).values({ taskId: upstage!.id, clusterUsername: 'nuri-upstage', userId: await userId(NURI), role: 'lead' });
  const [own] = await t.ctx.db
    .select({ key: tasks.key })
    .from(taskMembers)
    .innerJoin(tasks, eq(tasks.id, taskMembers.taskId))
    .where(and(eq(taskMembers.userId, await userId(APPLICANT)), eq(tasks.programSlug, 'k-ai')));
  applicantTeam = own!.key;
  expect(applicantTeam).not.toBe('kai-upstage');
  expect((await s.importMeasurements('team,component,value\nkai-nc,user-evaluation,3.49')).status).toBe(200);
  expect((await s.ruleGate('kai-naver', 'originality', true, { ko: '인코더 자체 학습 기록 확인', en: 'the encoders were trained in-house' })).status).toBe(200);
  await s.decideAndPublish('2026-01-12');
  const appealed = await s.call('nuri', 'POST', `/api/v1/stage-evaluations/${s.id}/appeals`, {
    team: 'kai-upstage',
    grounds: '발표 평가 점수의 표본 수가 다른 팀과 다릅니다. 재검토를 요청합니다.',
    mode: 'commit',
  });
  expect(appealed.status).toBe(200);
  const [decision] = await t.ctx.db.select().from(stageEvaluationDecisions).where(eq(stageEvaluationDecisions.evaluationId, s.id));
  expect(decision!.correction).toBeNull();
  closesAt = decision!.appealClosesAt!;
  evaluationName = (await t.ctx.db.select({ name: stageEvaluations.name }).from(stageEvaluations).where(eq(stageEvaluations.id, s.id)))[0]!.name;
}, 120_000);
afterAll(() => s?.dispose());

describe('the reminder before a published decision’s appeal window ends', () => {
  it('is not sent while the end is further off than two days', async () => {
    await sweepReminders(s.t.ctx.db, { now: new Date(closesAt.getTime() - 49 * 3_600_000) });
    expect(await reminders(APPLICANT)).toEqual([]);
  });

  it('reaches the team that has not appealed in its inbox, naming the evaluation, the team and the end in Seoul time, linked to its result', async () => {
    await sweepReminders(s.t.ctx.db, { now: new Date(closesAt.getTime() - 24 * 3_600_000) });
    const [entry, ...more] = await reminders(APPLICANT);
    expect(more).toEqual([]);
    expect(entry!.title.ko).toBe(`${evaluationName.ko} 이의 신청 마감 안내`);
    expect(entry!.text.ko).toContain(`${applicantTeam} 과제의 이의 신청은`);
    expect(entry!.text.ko).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일 \d{2}:\d{2} \(한국 시간\)에 마감됩니다/);
    expect(entry!.link).toBe(`/stage-evaluations/${s.id}/teams/${applicantTeam}`);
  });

  it('is queued as mail in the same words, tied to the inbox entry', async () => {
    const [entry] = await reminders(APPLICANT);
    const [mail] = await s.t.ctx.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toEmail, APPLICANT), eq(mailOutbox.kind, 'reminder-appeal-closing')));
    expect(mail).toMatchObject({ status: 'queued', notificationId: entry!.id, subject: `[Stagegate] ${evaluationName.ko} 이의 신청 마감 안내` });
    expect(mail!.body).toBe(entry!.text.ko);
    const outbox = (await s.call('operator', 'GET', '/api/v1/outbox?status=queued')).body.messages as { toEmail: string; kind: string }[];
    expect(outbox.filter((m) => m.toEmail === APPLICANT && m.kind === 'reminder-appeal-closing')).toHaveLength(1);
  });

  it('skips the team that has appealed, and is sent once however often the sweep runs', async () => {
    expect(await reminders(NURI)).toEqual([]);
    expect((await sweepReminders(s.t.ctx.db, { now: new Date(closesAt.getTime() - 2 * 3_600_000) })).sent).toBe(0);
    expect(await reminders(APPLICANT)).toHaveLength(1);
    const rows = await s.t.ctx.db.select().from(notifications).where(eq(notifications.kind, 'reminder-appeal-closing'));
    expect(rows.map((r) => (r.params as { team: string }).team)).toEqual([applicantTeam]);
  });

  it('is not sent once the window has ended', async () => {
    expect((await sweepReminders(s.t.ctx.db, { now: new Date(closesAt.getTime() + 60_000) })).sent).toBe(0);
  });
});
