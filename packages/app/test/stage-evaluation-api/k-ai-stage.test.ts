import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { allocations, auditLog, programs, tasks } from '../../src/db/schema/index.ts';
import { freeGpusOn } from '@stagegate/core/allocation/free-gpus';
import { slurmPlanFor } from '../../src/allocations/slurm-plan-preview.ts';
import { listAllocations, listLedger } from '../../src/allocations/allocation-store.ts';
import { verifyAuditChain } from '../../src/audit/audit-log.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
let id = '';

type Who = 'operator' | 'reviewer' | 'applicant' | 'evaluator' | 'anonymous';
async function call(who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: who === 'anonymous' ? {} : { cookie: cookie[who]! } });
  return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : null, raw: res };
}
const view = async () => (await call('operator', 'GET', `/api/v1/stage-evaluations/${id}`)).body;

beforeAll(async () => {
  t = await createTestServer();
  for (const who of ['operator', 'reviewer', 'applicant', 'evaluator'] as const) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
  const list = await call('operator', 'GET', '/api/v1/stage-evaluations?program=k-ai');
  id = list.body.evaluations.find((e: { stageKey: string }) => e.stageKey === 'stage-1').id;
});
afterAll(() => t.dispose());

describe('K-AI first stage evaluation (demo data)', () => {
  it('imports the missing user-evaluation mean from CSV, previewed first, naming a bad line', async () => {
    const before = await view();
    expect(before.issues.map((i: { field: string }) => i.field)).toEqual(['kai-nc.userEvaluation.user-evaluation', 'kai-naver.gates.originality']);
    const bad = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/measurements/import`, {
      csv: 'team,component,value\nkai-nc,user-evaluation,abc',
      mode: 'preview',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('csv.line.2');
    const csv = 'team,component,value,note\nkai-nc,user-evaluation,3.49,49 users\nkai-lg,user-evaluation,4.41,49 users';
    const preview = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/measurements/import`, { csv, fileName: 'likert.csv', mode: 'preview' });
    expect(preview.body.changes).toEqual([{ team: 'kai-nc', component: 'user-evaluation', before: null, after: 3.49 }]);
    expect((await view()).issues).toHaveLength(2);
    const evaluatorTry = await call('evaluator', 'POST', `/api/v1/stage-evaluations/${id}/measurements/import`, { csv, mode: 'commit' });
    expect(evaluatorTry.status).toBe(403);
    const done = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/measurements/import`, { csv, fileName: 'likert.csv', mode: 'commit' });
    expect(done.body.status).toBe('committed');
    const after = await view();
    expect(after.issues.map((i: { field: string }) => i.field)).toEqual(['kai-naver.gates.originality']);
    expect(after.inputs.measurements.find((m: { team: string; component: string }) => m.team === 'kai-nc' && m.component === 'user-evaluation')).toMatchObject({
      source: 'import',
      sourceRef: 'likert.csv',
    });
  });

  it('froze the program scheme as version 1 with the five teams, and scores the reported figures', async () => {
    const v = await view();
    expect(v.evaluation.status).toBe('open');
    expect(v.versions.map((x: { version: number }) => x.version)).toEqual([1]);
    expect(v.scheme.components.map((c: { points: number }) => c.points)).toEqual([40, 35, 25]);
    expect(v.teams).toHaveLength(5);
    const lg = v.results.find((r: { team: string }) => r.team === 'kai-lg');
    expect(lg.components.map((c: { points: number }) => c.points)).toEqual([33.6, 31.6, 25]);
    expect(lg.total).toBe(90.2);
    expect(lg.indices).toEqual({ 'frontier-index': 33.6, 'diffusion-index': 56.6 });
    expect(v.average).toBe(79.7);
    // the panel column is the trimmed mean of ten members' scores
    expect(v.inputs.expertScores.filter((s: { team: string }) => s.team === 'kai-lg')).toHaveLength(10);
    expect(Object.values(v.probabilityLast as Record<string, number>).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 9);
  });

  it('keeps the frozen scheme when the program is edited afterwards, and shows the drift', async () => {
    const [row] = await t.ctx.db.select().from(programs).where(eq(programs.slug, 'k-ai'));
    const edited = structuredClone(row!.definition);
    edited.stageEvaluation.appealDays = 3;
    await t.ctx.db.update(programs).set({ definition: edited }).where(eq(programs.slug, 'k-ai'));
    const v = await view();
    expect(v.scheme.appealDays).toBe(7);
    expect(v.programSchemeDrift).toEqual(['appealDays']);
    await t.ctx.db.update(programs).set({ definition: row!.definition }).where(eq(programs.slug, 'k-ai'));
  });

  it('refuses a decision while a gate is unruled, naming the team and gate', async () => {
    const v = await view();
    expect(v.proposal.blocking.map((b: { en: string }) => b.en).join()).toContain('kai-naver');
    const res = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      decidedOn: '2026-01-12',
      retroactiveReason: '2026년 1월 공고 일정에 따른 소급 결정',
      expectedRevision: v.evaluation.revision,
      mode: 'validate',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('inputs.kai-naver.gates.originality');
  });

  it('lets the panel rule the originality gate failed, with reasons, and proposes two eliminations', async () => {
    const noReason = await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/teams/kai-naver/gates/originality/ruling`, {
      passed: false,
      reason: { ko: '' },
      mode: 'commit',
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.field).toBe('reason');
    const ruled = await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/teams/kai-naver/gates/originality/ruling`, {
      passed: false,
      reason: { ko: '외부 비전·오디오 인코더 가중치 재사용', en: 'reused external vision/audio encoder weights' },
      mode: 'commit',
    });
    expect(ruled.status).toBe(200);
    const v = await view();
    expect(v.issues).toEqual([]);
    const byTeam = Object.fromEntries(v.proposal.items.map((i: { team: string }) => [i.team, i]));
    expect(byTeam['kai-naver'].outcome).toBe('eliminate');
    expect(byTeam['kai-naver'].basis).toBe('gate');
    expect(byTeam['kai-naver'].rank).toBeLessThanOrEqual(4);
    expect(byTeam['kai-nc'].outcome).toBe('eliminate');
    expect(byTeam['kai-nc'].basis).toBe('points');
    expect(
      v.proposal.items
        .filter((i: { outcome: string }) => i.outcome === 'continue')
        .map((i: { team: string }) => i.team)
        .sort(),
    ).toEqual(['kai-lg', 'kai-skt', 'kai-upstage']);
  });

  it('versions the scheme only with a published reason in both languages', async () => {
    const v = await view();
    const scheme = { ...v.scheme, appealDays: 14 };
    const noReason = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/scheme-versions`, {
      scheme,
      reason: { ko: '', en: '' },
      expectedRevision: v.evaluation.revision,
      mode: 'commit',
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.field).toBe('reason');
    const same = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/scheme-versions`, {
      scheme: v.scheme,
      reason: { ko: '사유', en: 'reason' },
      expectedRevision: v.evaluation.revision,
      mode: 'commit',
    });
    expect(same.status).toBe(422);
    const stale = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/scheme-versions`, {
      scheme,
      reason: { ko: '이의 기간 연장', en: 'longer appeal window' },
      expectedRevision: v.evaluation.revision - 1,
      mode: 'commit',
    });
    expect(stale.status).toBe(409);
    const made = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/scheme-versions`, {
      scheme,
      reason: { ko: '참여팀 요청으로 이의 신청 기간을 14일로 연장', en: 'appeal window extended to 14 days at the teams’ request' },
      expectedRevision: v.evaluation.revision,
      mode: 'commit',
    });
    expect(made.status).toBe(200);
    expect(made.body.version).toBe(2);
    expect(made.body.changes).toEqual(['scheme.appealDays']);
    // the public sees the history with its reason, without signing in
    const pub = await call('anonymous', 'GET', `/api/v1/public/stage-evaluations/${id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.published).toBe(false);
    expect(pub.body.versions.map((x: { version: number }) => x.version)).toEqual([1, 2]);
    expect(pub.body.versions[1].reason.ko).toContain('14일');
    expect(pub.body.standings).toBeUndefined();
  });

  it('previews the enforcement: allocations that end, GPUs back in the pool, the Slurm plan', async () => {
    const v = await view();
    const departing = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      decidedOn: '2026-01-12',
      retroactiveReason: '2026년 1월 공고 일정에 따른 소급 결정',
      overrides: { 'kai-nc': 'continue' },
      expectedRevision: v.evaluation.revision,
      mode: 'preview',
    });
    expect(departing.status).toBe(422);
    expect(departing.body.error.field).toBe('departureReason');
    const future = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      decidedOn: '2099-01-01',
      expectedRevision: v.evaluation.revision,
      mode: 'validate',
    });
    expect(future.body.error.field).toBe('decidedOn');
    // issue 13 item 3: a day already past needs a reason, and the preview says what it does
    const noReason = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      decidedOn: '2026-01-12',
      expectedRevision: v.evaluation.revision,
      mode: 'preview',
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.field).toBe('retroactiveReason');
    expect(noReason.body.error.issues[0].message.ko).toBe('지난 날짜(2026-01-12)로 결정하려면 사유를 10자 이상 적어야 합니다');
    const preview = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      decidedOn: '2026-01-12',
      retroactiveReason: '2026년 1월 공고 일정에 따른 소급 결정',
      expectedRevision: v.evaluation.revision,
      mode: 'preview',
    });
    expect(preview.status).toBe(200);
    const today = (await call('operator', 'GET', `/api/v1/stage-evaluations/${id}`)).body.today;
    expect(preview.body.retroactive.today).toBe(today);
    expect(
      preview.body.retroactive.allocationsEndingInPast.map((a: { taskKey: string; gpus: number; endedOn: string }) => [a.taskKey, a.gpus, a.endedOn]).sort(),
    ).toEqual([
      ['kai-naver', 512, '2026-01-12'],
      ['kai-naver', 512, '2026-01-15'],
      ['kai-nc', 512, '2026-01-12'],
      ['kai-nc', 512, '2026-01-15'],
    ]);
    // each eliminated team held 512 GPUs from 13 January (stage 1 to the 15th, stage 2 from the 16th to 31 August) up to yesterday
    const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    const lastLateDay = Math.min(dayNo('2026-08-31'), dayNo(today) - 1);
    const lateDays = Math.max(0, lastLateDay - dayNo('2026-01-13') + 1);
    expect(lateDays).toBeGreaterThan(3);
    expect(preview.body.retroactive.gpuDaysReturnedLate).toBe(2 * 512 * lateDays);
    // the appeal window starts at publication, not on the (past) decision day
    expect(preview.body.appealDays).toBe(14);
    expect(preview.body.appealClosesIfPublishedToday.slice(0, 10) >= today).toBe(true);
    // without a date the decision takes effect today (Asia/Seoul, database clock): no reason needed
    const todays = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, { expectedRevision: v.evaluation.revision, mode: 'preview' });
    expect(todays.status).toBe(200);
    expect(todays.body.decidedOn).toBe(today);
    expect(todays.body.retroactive).toBeNull();
    expect(preview.body.status).toBe('preview');
    expect(preview.body.departures).toEqual([]);
    expect(preview.body.enforcement.gpusReturned).toEqual({ 'b200-pool': 1024 });
    // issue 16 item 3: K-AI splits the returned 1,024 GPUs equally in whole nodes of 8 (128 nodes over
    // three teams: 43, 43, 42 — the spare nodes to the two higher-ranked teams) from the day after
    expect(preview.body.enforcement.redistribution).toEqual([
      expect.objectContaining({
        poolKey: 'b200-pool',
        rule: 'equal-split',
        effectiveFrom: '2026-01-13',
        returned: 1024,
        keptInPool: 0,
        shares: [
          { team: 'kai-lg', before: 512, gpus: 344 },
          { team: 'kai-skt', before: 512, gpus: 344 },
          { team: 'kai-upstage', before: 512, gpus: 336 },
        ],
      }),
    ]);
    expect(preview.body.enforcement.freeAfter).toEqual({ 'b200-pool': 0 });
    const lgRecord = preview.body.enforcement.records.find((r: { taskKey: string }) => r.taskKey === 'kai-lg');
    expect(lgRecord.gpusReceived).toEqual([{ poolKey: 'b200-pool', gpus: 344, from: '2026-01-13' }]);
    const plan = preview.body.enforcement.slurmPlan.en.join('\n');
    expect(plan).toMatch(/kai-naver/);
    expect(plan).toMatch(/kai-nc/);
    // the remaining teams' limits rise with their allocations
    expect(plan).toMatch(/kai-lg.*856/);
    expect(plan).toMatch(/kai-upstage.*848/);
    // nothing changed yet
    const [naver] = await t.ctx.db.select().from(tasks).where(eq(tasks.key, 'kai-naver'));
    expect(naver!.status).toBe('active');
  });

  it('confirms the decision and applies it the same day: allocations end, GPUs return, tasks eliminated', async () => {
    const v = await view();
    const stale = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      decidedOn: '2026-01-12',
      retroactiveReason: '2026년 1월 공고 일정에 따른 소급 결정',
      expectedRevision: v.evaluation.revision + 5,
      mode: 'commit',
    });
    expect(stale.status).toBe(409);
    const [program] = await t.ctx.db.select().from(programs).where(eq(programs.slug, 'k-ai'));
    const before = freeGpusOn(program!.definition, await listAllocations(t.ctx.db, 'k-ai'), '2026-01-13');
    const res = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      decidedOn: '2026-01-12',
      retroactiveReason: '2026년 1월 공고 일정에 따른 소급 결정',
      expectedRevision: v.evaluation.revision,
      mode: 'commit',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('committed');

    const teams = await t.ctx.db
      .select()
      .from(tasks)
      .where(inArray(tasks.key, ['kai-lg', 'kai-skt', 'kai-naver', 'kai-upstage', 'kai-nc']));
    const status = Object.fromEntries(teams.map((x) => [x.key, x.status]));
    expect(status).toEqual({ 'kai-lg': 'active', 'kai-skt': 'active', 'kai-naver': 'eliminated', 'kai-upstage': 'active', 'kai-nc': 'eliminated' });
    const eliminated = teams.filter((x) => x.status === 'eliminated').map((x) => x.id);
    const theirs = await t.ctx.db.select().from(allocations).where(inArray(allocations.taskId, eliminated));
    expect(theirs.map((a) => [a.phaseKey, a.endDate])).toEqual([
      ['stage-1', '2026-01-12'],
      ['stage-1', '2026-01-12'],
    ]);
    // the 1,024 GPUs came back to the pool and went out again to the three remaining teams
    const after = freeGpusOn(program!.definition, await listAllocations(t.ctx.db, 'k-ai'), '2026-01-13');
    expect([before['b200-pool'], after['b200-pool']]).toEqual([0, 0]);
    const keyOf = new Map(teams.map((x) => [x.id, x.key]));
    const continuing = await t.ctx.db
      .select()
      .from(allocations)
      .where(
        and(
          eq(allocations.phaseKey, 'stage-2'),
          inArray(
            allocations.taskId,
            teams.filter((x) => x.status === 'active').map((x) => x.id),
          ),
        ),
      );
    expect(Object.fromEntries(continuing.map((a) => [keyOf.get(a.taskId), a.gpus]))).toEqual({ 'kai-lg': 856, 'kai-skt': 856, 'kai-upstage': 848 });
    const stageOne = await t.ctx.db
      .select()
      .from(allocations)
      .where(and(eq(allocations.phaseKey, 'stage-1'), eq(allocations.taskId, teams.find((x) => x.key === 'kai-upstage')!.id)));
    expect(stageOne.map((a) => [a.startDate, a.endDate, a.gpus]).sort()).toEqual([
      ['2025-08-04', '2026-01-12', 512],
      ['2026-01-13', '2026-01-15', 848],
    ]);
    // Slurm's desired state the day after the decision carries the raised limits (and nothing more to apply)
    const desired = await slurmPlanFor(t.ctx.db, 'k-ai', '2026-01-13', (inputs) => inputs);
    expect(desired.en.join('\n')).not.toMatch(/kai-lg/);
    const decided = await call('operator', 'GET', `/api/v1/stage-evaluations/${id}`);
    expect(decided.body.decision.enforcement.find((r: { taskKey: string }) => r.taskKey === 'kai-skt').gpusReceived).toEqual([
      { poolKey: 'b200-pool', gpus: 344, from: '2026-01-13' },
    ]);

    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, id)).orderBy(auditLog.seq);
    expect(audit.map((a) => a.action)).toContain('stageEvaluation.decide');
    // through the allocation service: the task-status service's audit rows, and the allocation ledger
    const statusRows = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'task.eliminate')).orderBy(auditLog.seq);
    expect(statusRows.map((r) => r.objectId).sort()).toEqual(['kai-naver', 'kai-nc']);
    const allocationAudit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'allocation.stage-decision')).orderBy(auditLog.seq);
    expect(allocationAudit.map((r) => [r.objectType, r.objectId])).toEqual([['stageEvaluation', id]]);
    const ledger = (await listLedger(t.ctx.db, 'k-ai')).filter((l) => eliminated.includes(l.l.taskId) && l.l.reason?.includes('결정'));
    // per eliminated task: stage-1 shortened to the decision day, stage-2 (not yet started) removed
    expect(ledger.map((l) => `${l.taskKey}:${l.l.kind}:${l.l.after?.end ?? '-'}`).sort()).toEqual([
      'kai-naver:changed:2026-01-12',
      'kai-naver:removed:-',
      'kai-nc:changed:2026-01-12',
      'kai-nc:removed:-',
    ]);
    const raised = (await listLedger(t.ctx.db, 'k-ai')).filter((l) => l.taskKey === 'kai-lg' && l.l.reason?.includes('결정'));
    expect(raised.map((l) => `${l.l.kind}:${l.l.after?.start}:${l.l.after?.gpus}`).sort()).toEqual([
      'changed:2025-08-04:512',
      'changed:2026-01-16:856',
      'created:2026-01-13:856',
    ]);
    const decide = audit.find((a) => a.action === 'stageEvaluation.decide')!;
    expect((decide.after as { redistribution: { shares: { team: string; gpus: number }[] }[] }).redistribution[0]!.shares.map((x) => x.gpus)).toEqual([
      344, 344, 336,
    ]);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
    // the task-status service keeps an eliminated task eliminated: the office cannot unblock it
    const naverId = teams.find((x) => x.key === 'kai-naver')!.id;
    const unblock = await call('operator', 'POST', `/api/v1/tasks/${naverId}/unblock`, { reason: '결정 후 차단 해제 시도' });
    expect(unblock.status).toBe(409);

    const again = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      decidedOn: '2026-01-12',
      retroactiveReason: '2026년 1월 공고 일정에 따른 소급 결정',
      expectedRevision: v.evaluation.revision + 1,
      mode: 'commit',
    });
    expect(again.status).toBe(422);
    const late = await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/measurements`, {
      entries: [{ team: 'kai-nc', component: 'nia-benchmark', value: 0.9 }],
      mode: 'commit',
    });
    expect(late.status).toBe(422);
    expect(late.body.error.field).toBe('status');
  });

  it('opens the appeal window at publication, not on the decision day (issue 13 item 3)', async () => {
    // decided on 2026-01-12, but not yet published: no window yet, whatever the decision day
    const res = await call('applicant', 'POST', `/api/v1/stage-evaluations/${id}/appeals`, {
      team: 'kai-naver',
      grounds: '인코더는 자체 학습한 것이며 외부 가중치를 쓰지 않았습니다.',
      mode: 'commit',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('status');
    expect((await view()).decision.appealClosesAt).toBeNull();
    const stranger = await call('applicant', 'POST', `/api/v1/stage-evaluations/${id}/appeals`, {
      team: 'kai-lg',
      grounds: '다른 팀의 이의 신청을 시도합니다. 거절되어야 합니다.',
      mode: 'commit',
    });
    expect(stranger.status).toBe(403);
  });

  it('publishes the results: leaderboard, outcomes and reasons, PDF and Excel, without signing in', async () => {
    const notYet = await call('anonymous', 'GET', `/api/v1/public/stage-evaluations/${id}/results.xlsx`);
    expect(notYet.status).toBe(404);
    const publishPreview = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/publish`, { mode: 'preview' });
    expect(publishPreview.body).toMatchObject({ status: 'preview', appealDays: 14 });
    // issue 13 item 6: the preview names who continues and who is eliminated, and publishes nothing
    const previewed = Object.fromEntries(publishPreview.body.outcomes.map((o: { taskKey: string; outcome: string }) => [o.taskKey, o.outcome]));
    expect(previewed).toEqual({ 'kai-lg': 'continue', 'kai-naver': 'eliminate', 'kai-nc': 'eliminate', 'kai-skt': 'continue', 'kai-upstage': 'continue' });
    expect((await view()).evaluation.status).toBe('decided');
    expect((await call('anonymous', 'GET', `/api/v1/public/stage-evaluations/${id}`)).body.published).toBe(false);
    const published = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/publish`, { mode: 'commit' });
    expect(published.status).toBe(200);
    // issue 13 item 3: the window runs 14 days from the day of publication (Seoul), not from 2026-01-12
    const today = (await view()).today;
    const lastDay = new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    expect(published.body.appealClosesAt).toBe(new Date(Date.parse(`${lastDay}T23:59:59.999+09:00`)).toISOString());
    expect((await view()).decision.appealClosesAt).toBe(published.body.appealClosesAt);
    const appeal = await call('applicant', 'POST', `/api/v1/stage-evaluations/${id}/appeals`, {
      team: 'kai-naver',
      grounds: '인코더는 자체 학습한 것이며 외부 가중치를 쓰지 않았습니다.',
      mode: 'preview',
    });
    expect(appeal.status).toBe(200);
    const pub = await call('anonymous', 'GET', `/api/v1/public/stage-evaluations/${id}`);
    expect(pub.body.published).toBe(true);
    expect(pub.body.standings[0]).toMatchObject({ team: 'kai-lg', rank: 1, total: 90.2, outcome: 'continue' });
    const naver = pub.body.standings.find((s: { team: string }) => s.team === 'kai-naver');
    expect(naver.outcome).toBe('eliminate');
    expect(naver.reasons[0].ko).toContain('인코더');
    expect(JSON.stringify(pub.body)).not.toContain('위원 1');
    const list = await call('anonymous', 'GET', '/api/v1/public/stage-evaluations');
    expect(list.body.evaluations.find((e: { id: string }) => e.id === id).published).toBe(true);

    const xlsx = await call('anonymous', 'GET', `/api/v1/public/stage-evaluations/${id}/results.xlsx`);
    expect(xlsx.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getRow(2).getCell(2).value)).toBe('LG AI연구원 컨소시엄');
    expect(sheet.getRow(2).values).toContain(90.2);
    const pdf = await call('anonymous', 'GET', `/api/v1/public/stage-evaluations/${id}/report.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }, 30_000);
});
