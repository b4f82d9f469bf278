import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, stageEvaluationExpertScores, stageEvaluations, user } from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

// Issue 12 item 1: stage-evaluation inputs belong to the office; a seated expert scores only under
// their own seat, on their evaluation, while it is open; a selection reviewer sees nothing.
let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
let id = '';

type Who = 'operator' | 'reviewer' | 'reviewer2' | 'applicant';
async function call(who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: { cookie: cookie[who]! } });
  return { status: res.statusCode, body: res.json() };
}
const score = (expert: string, value: number) => ({ entries: [{ team: 'kai-lg', component: 'expert-panel', expert, score: value }], mode: 'commit' });

beforeAll(async () => {
  t = await createTestServer();
  for (const who of ['operator', 'reviewer', 'reviewer2', 'applicant'] as const) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
  const list = await call('operator', 'GET', '/api/v1/stage-evaluations?program=k-ai');
  id = list.body.evaluations.find((e: { stageKey: string }) => e.stageKey === 'stage-1').id;
});
afterAll(() => t.dispose());

describe('issue 12 item 1: stage-evaluation inputs', () => {
  it('shows a reviewer without a seat nothing of an unpublished evaluation and refuses every input', async () => {
    const [reviewer] = await t.ctx.db.select().from(user).where(eq(user.email, 'reviewer@demo.stagegate.kr'));
    const before = await t.ctx.db.select().from(auditLog).where(eq(auditLog.actorId, reviewer!.id));
    expect((await call('reviewer', 'GET', '/api/v1/stage-evaluations')).body.evaluations).toEqual([]);
    expect((await call('reviewer', 'GET', `/api/v1/stage-evaluations/${id}`)).status).toBe(404);
    expect((await call('reviewer', 'GET', `/api/v1/stage-evaluations/${id}/teams/kai-naver`)).status).toBe(403);
    expect((await call('reviewer', 'PUT', `/api/v1/stage-evaluations/${id}/expert-scores`, score('위원 1', 10))).status).toBe(404);
    const ruling = await call('reviewer', 'PUT', `/api/v1/stage-evaluations/${id}/teams/kai-naver/gates/originality/ruling`, {
      passed: true,
      reason: { ko: '위조' },
      mode: 'commit',
    });
    expect(ruling.status).toBe(403);
    const goals = await call('reviewer', 'PUT', `/api/v1/stage-evaluations/${id}/teams/kai-naver/goals`, {
      component: 'stage-goals',
      goals: [],
      mode: 'commit',
    });
    expect(goals.status).toBe(403);
    const decision = await call('reviewer', 'POST', `/api/v1/stage-evaluations/${id}/decision`, { expectedRevision: 1, mode: 'commit' });
    expect(decision.status).toBe(403);
    // nothing was written under the reviewer's hand
    expect(await t.ctx.db.select().from(auditLog).where(eq(auditLog.actorId, reviewer!.id))).toHaveLength(before.length);
  });

  it('lets the office seat a reviewer account as a panel member, previewed first and audited', async () => {
    const bad = await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/experts`, {
      seats: [{ email: 'applicant@demo.stagegate.kr', label: '위원 11' }],
      mode: 'preview',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('seats.0.email');
    const seats = { seats: [{ email: 'reviewer@demo.stagegate.kr', label: '위원 11' }] };
    expect((await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/experts`, { ...seats, mode: 'preview' })).body).toEqual({
      status: 'preview',
      seats: seats.seats,
    });
    expect((await call('reviewer', 'GET', `/api/v1/stage-evaluations/${id}`)).status).toBe(404);
    expect((await call('reviewer', 'PUT', `/api/v1/stage-evaluations/${id}/experts`, { ...seats, mode: 'commit' })).status).toBe(403);
    expect((await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/experts`, { ...seats, mode: 'commit' })).body.status).toBe('committed');
    const [row] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'stageEvaluation.experts'));
    expect(row!.objectId).toBe(id);
    expect((await call('operator', 'GET', `/api/v1/stage-evaluations/${id}`)).body.experts).toEqual([
      { email: 'reviewer@demo.stagegate.kr', name: '박심사 (Reviewer)', label: '위원 11' },
    ]);
  });

  it('lets the seated expert see and score only under their own seat; another reviewer still sees nothing', async () => {
    expect((await call('reviewer', 'GET', '/api/v1/stage-evaluations')).body.evaluations.map((e: { id: string }) => e.id)).toEqual([id]);
    const mine = await call('reviewer', 'GET', `/api/v1/stage-evaluations/${id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.seat).toBe('위원 11');
    expect(mine.body.inputs.expertScores).toEqual([]);
    // other panel members' scores, measurements, results and the proposal are not theirs to see
    expect(Object.keys(mine.body).sort()).toEqual(['evaluation', 'inputs', 'rules', 'scheme', 'seat', 'teams']);

    const forged = await call('reviewer', 'PUT', `/api/v1/stage-evaluations/${id}/expert-scores`, score('위원 3', 0));
    expect(forged.status).toBe(403);
    const ok = await call('reviewer', 'PUT', `/api/v1/stage-evaluations/${id}/expert-scores`, score('위원 11', 91));
    expect(ok.body).toMatchObject({ status: 'committed', count: 1 });
    const stored = await t.ctx.db
      .select()
      .from(stageEvaluationExpertScores)
      .where(and(eq(stageEvaluationExpertScores.evaluationId, id), eq(stageEvaluationExpertScores.expert, '위원 3')));
    expect(stored.find((s) => s.score === 0)).toBeUndefined();
    const after = await call('reviewer', 'GET', `/api/v1/stage-evaluations/${id}`);
    expect(after.body.inputs.expertScores).toEqual([{ team: 'kai-lg', component: 'expert-panel', expert: '위원 11', score: 91 }]);

    expect((await call('reviewer2', 'GET', `/api/v1/stage-evaluations/${id}`)).status).toBe(404);
    expect((await call('reviewer2', 'PUT', `/api/v1/stage-evaluations/${id}/expert-scores`, score('위원 11', 1))).status).toBe(404);
    expect((await call('applicant', 'PUT', `/api/v1/stage-evaluations/${id}/expert-scores`, score('위원 11', 1))).status).toBe(403);
  });

  it('refuses the seated expert once the evaluation is no longer open', async () => {
    await t.ctx.db.update(stageEvaluations).set({ status: 'decided' }).where(eq(stageEvaluations.id, id));
    const late = await call('reviewer', 'PUT', `/api/v1/stage-evaluations/${id}/expert-scores`, score('위원 11', 50));
    expect(late.status).toBe(403);
    const [kept] = await t.ctx.db
      .select()
      .from(stageEvaluationExpertScores)
      .where(and(eq(stageEvaluationExpertScores.evaluationId, id), eq(stageEvaluationExpertScores.expert, '위원 11')));
    expect(kept!.score).toBe(91);
  });
});
