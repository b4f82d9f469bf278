import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { allocations, auditLog, tasks } from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

// issue 16 item 3 for specialized-fm, whose program data lets the office decide the redistribution:
// the demo tasks sfm-01 and sfm-02 (256 B200 each in phase 1, capped at 256 per task, and in phase 2)
let t: Awaited<ReturnType<typeof createTestServer>>;
let cookie = '';
let id = '';
const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: { cookie } });
  return { status: res.statusCode, body: res.json() };
};
const decide = async (mode: string, extra: object = {}) => {
  const v = (await call('GET', `/api/v1/stage-evaluations/${id}`)).body;
  return call('POST', `/api/v1/stage-evaluations/${id}/decision`, {
    decidedOn: '2026-03-20',
    retroactiveReason: '3월 단계 평가 결과를 소급 기록합니다',
    expectedRevision: v.evaluation.revision,
    mode,
    ...extra,
  });
};

beforeAll(async () => {
  t = await createTestServer();
  cookie = await signIn(t.app, 'operator@demo.stagegate.kr');
  const made = await call('POST', '/api/v1/stage-evaluations', {
    program: 'specialized-fm',
    stageKey: 'phase-1',
    periodStart: '2026-03-01',
    periodEnd: '2026-03-31',
    teams: ['sfm-01', 'sfm-02'],
    mode: 'commit',
  });
  id = made.body.id;
  const goals = (met: boolean) => [{ goal: '도메인 벤치마크 목표', met, evidence: '평가 결과' }];
  await call('PUT', `/api/v1/stage-evaluations/${id}/teams/sfm-01/goals`, { component: 'stage-goals', goals: goals(true), mode: 'commit' });
  await call('PUT', `/api/v1/stage-evaluations/${id}/teams/sfm-02/goals`, { component: 'stage-goals', goals: goals(false), mode: 'commit' });
  const scores = ['sfm-01', 'sfm-02'].flatMap((team) => ['A', 'B', 'C'].map((expert) => ({ team, component: 'expert-panel', expert, score: 75 })));
  await call('PUT', `/api/v1/stage-evaluations/${id}/expert-scores`, { entries: scores, mode: 'commit' });
});
afterAll(() => t?.dispose());

describe('redistribution the office decides (specialized-fm)', () => {
  it('asks the office for the amounts, and refuses bad ones naming the pool and team', async () => {
    const v = (await call('GET', `/api/v1/stage-evaluations/${id}`)).body;
    expect(v.redistribution.rule).toBe('office-decides');
    expect(v.proposal.items.map((i: { team: string; outcome: string }) => `${i.team}:${i.outcome}`)).toEqual(['sfm-01:continue', 'sfm-02:eliminate']);
    const none = await decide('preview');
    expect(none.status).toBe(422);
    expect(none.body.error.field).toBe('redistribution.amounts.b200-pool');
    expect(none.body.error.issues[0].message.en).toContain('at most 256 in all');
    const partial = await decide('preview', { redistribution: { amounts: { 'b200-pool': { 'sfm-01': 100 } } } });
    expect(partial.body.error.field).toBe('redistribution.amounts.b200-pool.sfm-01');
    const eliminated = await decide('preview', { redistribution: { amounts: { 'b200-pool': { 'sfm-02': 64 } } } });
    expect(eliminated.body.error.field).toBe('redistribution.amounts.b200-pool.sfm-02');
  });

  it('gives what the office decided from the day after, within phase 1’s per-task cap, and commits it with the decision', async () => {
    const amounts = { 'b200-pool': { 'sfm-01': 128 } };
    const preview = await decide('preview', { redistribution: { amounts } });
    expect(preview.status).toBe(200);
    // sfm-01 already holds phase 1's cap of 256: the 128 go to it in phase 2 only; the rest stays in the pool
    expect(preview.body.enforcement.redistribution).toEqual([
      expect.objectContaining({
        rule: 'office-decides',
        returned: 256,
        keptInPool: 128,
        shares: [{ team: 'sfm-01', before: 256, gpus: 128, limitedBy: [{ phaseKey: 'phase-1', gpus: 0 }] }],
      }),
    ]);
    expect(preview.body.enforcement.slurmPlan.en.join('\n')).toMatch(/sfm-02/);
    const done = await decide('commit', { redistribution: { amounts } });
    expect(done.status).toBe(200);
    const [sfm01] = await t.ctx.db.select().from(tasks).where(eq(tasks.key, 'sfm-01'));
    const rows = await t.ctx.db
      .select()
      .from(allocations)
      .where(and(eq(allocations.taskId, sfm01!.id), eq(allocations.poolKey, 'b200-pool')));
    expect(rows.map((a) => [a.phaseKey, a.gpus]).sort()).toEqual([
      ['phase-1', 256],
      ['phase-2', 384],
    ]);
    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'stageEvaluation.decide'), eq(auditLog.objectId, id)));
    expect((audit!.after as { redistribution: { shares: unknown[] }[] }).redistribution[0]!.shares).toEqual([{ team: 'sfm-01', gpus: 128, before: 256 }]);
  });
});
