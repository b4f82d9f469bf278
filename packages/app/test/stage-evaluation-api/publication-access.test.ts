import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  allocations,
  finalEvaluations,
  finalEvaluationTasks,
  reviewCallConfig,
  selectionDecisions,
  taskMembers,
  tasks,
  user,
} from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from '../support/test-context.ts';
import { loadOwnershipFixtures, type OwnershipFixtures } from '../support/ownership-fixtures.ts';

// Issue 12 item 8: an applicant learns a decision about its task or application only once the
// office publishes it; before that every applicant-facing answer says "under evaluation".
let t: Awaited<ReturnType<typeof createTestServer>>;
let f: OwnershipFixtures;
const cookie: Record<string, string> = {};
let id = '';
let selectedTaskId = '';
let finalEvaluationId = '';
let kaiAllocationEnd = '';

type Who = 'operator' | 'applicant';
async function call(who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: { cookie: cookie[who]! } });
  return { status: res.statusCode, body: res.json() };
}

beforeAll(async () => {
  t = await createTestServer();
  for (const who of ['operator', 'applicant'] as const) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
  f = await loadOwnershipFixtures(t.ctx);
  id = f.stageEvaluation;
  // the office rules the applicant's team out and decides, but does not publish yet
  await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/measurements/import`, {
    csv: 'team,component,value\nkai-nc,user-evaluation,3.49',
    mode: 'commit',
  });
  const ruled = await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/teams/${f.ownTeam}/gates/originality/ruling`, {
    passed: false,
    reason: { ko: '외부 가중치 재사용' },
    mode: 'commit',
  });
  expect(ruled.status).toBe(200);
  const before = (await call('operator', 'GET', '/api/v1/programs/k-ai/allocations')).body;
  kaiAllocationEnd = before.allocations
    .filter((a: { taskId: string }) => a.taskId === f.ownTask)
    .map((a: { end: string }) => a.end)
    .sort()
    .at(-1);
  const v = (await call('operator', 'GET', `/api/v1/stage-evaluations/${id}`)).body;
  const decided = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
    decidedOn: '2026-01-12',
    retroactiveReason: 'the panel decided on 12 January 2026',
    expectedRevision: v.evaluation.revision,
    mode: 'commit',
  });
  expect(decided.body.status).toBe('committed');
  const [own] = await t.ctx.db.select().from(tasks).where(eq(tasks.id, f.ownTask));
  expect(own!.status).toBe('eliminated');
  // and a selection of the applicant's application made a task, the call's results unpublished
  const [applicant] = await t.ctx.db.select().from(user).where(eq(user.email, 'applicant@demo.stagegate.kr'));
  const [task] = await t.ctx.db
    .insert(tasks)
    .values({ programSlug: 'specialized-fm', key: 'sfm-2025-pub', name: { ko: '선정 과제', en: 'Selected task' }, applicationId: f.ownApplication })
    .returning();
  selectedTaskId = task!.id;
  await t.ctx.db.insert(taskMembers).values({ taskId: task!.id, clusterUsername: 'pubtest', userId: applicant!.id, role: 'lead' });
  await t.ctx.db.insert(reviewCallConfig).values({ programSlug: 'specialized-fm', callKey: '2025-call' }).onConflictDoNothing();
  await t.ctx.db.update(reviewCallConfig).set({ publishedAt: null }).where(eq(reviewCallConfig.callKey, '2025-call'));
  await t.ctx.db
    .insert(selectionDecisions)
    .values({ applicationId: f.ownApplication, programSlug: 'specialized-fm', callKey: '2025-call', outcome: 'selected', reason: 'test', taskId: task!.id });
  // the selected task already has GPUs and sits in the program's final evaluation
  await t.ctx.db.insert(allocations).values({
    programSlug: 'specialized-fm',
    taskId: task!.id,
    poolKey: 'b200-pool',
    phaseKey: 'phase-2',
    gpus: 8,
    startDate: '2026-08-01',
    endDate: '2026-08-31',
  });
  const [fe] = await t.ctx.db.select().from(finalEvaluations).where(eq(finalEvaluations.programSlug, 'specialized-fm'));
  finalEvaluationId = fe!.id;
  await t.ctx.db.insert(finalEvaluationTasks).values({ finalEvaluationId, taskId: task!.id, score: 95 });
}, 300_000);
afterAll(() => t.dispose());

describe('issue 12 item 8: publication', () => {
  it('GET /api/v1/stage-evaluations/:id/teams/:team says "under evaluation" until published', async () => {
    const team = (await call('applicant', 'GET', `/api/v1/stage-evaluations/${id}/teams/${f.ownTeam}`)).body;
    expect(team.decision).toBe('underEvaluation');
    expect(team.evaluation.status).toBe('underEvaluation');
    expect(team.outcome).toBeNull();
    expect(team.result).toBeNull();
    expect(team.gates.every((g: { passed: boolean | null; reason: unknown }) => g.passed === null && g.reason === null)).toBe(true);
    // the office sees the decision it made
    expect((await call('operator', 'GET', `/api/v1/stage-evaluations/${id}/teams/${f.ownTeam}`)).body.outcome.outcome).toBe('eliminate');
  });

  it('GET /api/v1/my/stage-evaluation-teams says "under evaluation" until published', async () => {
    const mine = (await call('applicant', 'GET', '/api/v1/my/stage-evaluation-teams')).body.teams.find((x: { evaluationId: string }) => x.evaluationId === id);
    expect(mine.status).toBe('underEvaluation');
  });

  it('GET /api/v1/evaluation/tasks shows neither the elimination nor the selected task until published', async () => {
    const list = (await call('applicant', 'GET', '/api/v1/evaluation/tasks')).body.tasks;
    expect(list.find((x: { id: string }) => x.id === f.ownTask).status).toBe('underEvaluation');
    expect(list.find((x: { id: string }) => x.id === selectedTaskId)).toBeUndefined();
    const office = (await call('operator', 'GET', '/api/v1/evaluation/tasks')).body.tasks;
    expect(office.find((x: { id: string }) => x.id === f.ownTask).status).toBe('eliminated');
  });

  it('GET /api/v1/evaluation/tasks/:taskId shows neither the elimination nor the selected task until published', async () => {
    expect((await call('applicant', 'GET', `/api/v1/evaluation/tasks/${f.ownTask}`)).body.task.status).toBe('underEvaluation');
    expect((await call('applicant', 'GET', `/api/v1/evaluation/tasks/${selectedTaskId}`)).status).toBe(404);
  });

  it('GET /api/v1/review/results/:id says the results are not published yet', async () => {
    const res = await call('applicant', 'GET', `/api/v1/review/results/${f.ownApplication}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('not_published');
    expect(JSON.stringify(res.body)).not.toContain('selected');
  });

  const has = (body: unknown, text: string) => JSON.stringify(body).includes(text);

  it('GET /api/v1/programs/:slug/allocations shows neither the selected task, its GPUs, nor the elimination until published', async () => {
    const sfm = (await call('applicant', 'GET', '/api/v1/programs/specialized-fm/allocations')).body;
    expect(has(sfm, selectedTaskId)).toBe(false);
    expect(sfm.allocations.length).toBeGreaterThan(0);
    const kai = (await call('applicant', 'GET', '/api/v1/programs/k-ai/allocations')).body;
    expect(kai.tasks.find((x: { id: string }) => x.id === f.ownTask).status).toBe('underEvaluation');
    expect(kai.tasks.some((x: { status: string }) => x.status === 'eliminated')).toBe(false);
    // the team's GPUs read as before the decision ended them
    expect(
      kai.allocations
        .filter((a: { taskId: string }) => a.taskId === f.ownTask)
        .map((a: { end: string }) => a.end)
        .sort()
        .at(-1),
    ).toBe(kaiAllocationEnd);
    const office = (await call('operator', 'GET', '/api/v1/programs/k-ai/allocations')).body;
    expect(office.tasks.find((x: { id: string }) => x.id === f.ownTask).status).toBe('eliminated');
    const officeEnd = office.allocations
      .filter((a: { taskId: string }) => a.taskId === f.ownTask)
      .map((a: { end: string }) => a.end)
      .sort()
      .at(-1);
    expect(officeEnd === undefined || officeEnd < kaiAllocationEnd).toBe(true);
    expect(has((await call('operator', 'GET', '/api/v1/programs/specialized-fm/allocations')).body, selectedTaskId)).toBe(true);
  });

  it('GET and POST /api/v1/programs/:slug/change-requests do not reach the selected task until published', async () => {
    const office = (await call('operator', 'GET', '/api/v1/programs/specialized-fm/allocations')).body;
    const allocation = office.allocations.find((a: { taskId: string }) => a.taskId === selectedTaskId);
    const asked = await call('applicant', 'POST', '/api/v1/programs/specialized-fm/change-requests', {
      mode: 'preview',
      reason: 'more',
      request: { kind: 'supplement', allocationId: allocation.id, addGpus: 8 },
    });
    expect([403, 404]).toContain(asked.status);
    expect(has((await call('applicant', 'GET', '/api/v1/programs/specialized-fm/change-requests')).body, selectedTaskId)).toBe(false);
  });

  it('GET /api/v1/programs/:slug/usage shows neither the selected task nor the elimination until published', async () => {
    const sfm = (await call('applicant', 'GET', '/api/v1/programs/specialized-fm/usage?phase=phase-2')).body;
    expect(has(sfm, selectedTaskId)).toBe(false);
    const kai = await call('applicant', 'GET', '/api/v1/programs/k-ai/usage');
    expect(has(kai.body, 'eliminated')).toBe(false);
    expect(has((await call('operator', 'GET', '/api/v1/programs/specialized-fm/usage?phase=phase-2')).body, selectedTaskId)).toBe(true);
  });

  it('GET /api/v1/tasks/:id/usage: the selected task does not exist and the eliminated team reads "under evaluation" until published', async () => {
    expect((await call('applicant', 'GET', `/api/v1/tasks/${selectedTaskId}/usage`)).status).toBe(404);
    const own = (await call('applicant', 'GET', `/api/v1/tasks/${f.ownTask}/usage`)).body;
    expect(own.task.status).toBe('underEvaluation');
    expect((await call('operator', 'GET', `/api/v1/tasks/${f.ownTask}/usage`)).body.task.status).toBe('eliminated');
  });

  it('GET /api/v1/final-evaluations and /:id, reports and support do not show the selected task until published', async () => {
    const list = (await call('applicant', 'GET', '/api/v1/final-evaluations')).body;
    expect(list.finalEvaluations.some((x: { id: string }) => x.id === finalEvaluationId)).toBe(true);
    const one = (await call('applicant', 'GET', `/api/v1/final-evaluations/${finalEvaluationId}`)).body;
    expect(has(one, selectedTaskId)).toBe(false);
    expect((await call('applicant', 'GET', `/api/v1/final-evaluations/${finalEvaluationId}/tasks/${selectedTaskId}/report`)).status).toBe(404);
    const support = await call('applicant', 'POST', `/api/v1/final-evaluations/${finalEvaluationId}/tasks/${selectedTaskId}/support`, {
      goalKind: 'performance',
      goals: 'g',
      gpus: 8,
      startsOn: '2026-10-01',
      endsOn: '2026-12-31',
    });
    expect(support.status).toBe(404);
    expect(has((await call('operator', 'GET', `/api/v1/final-evaluations/${finalEvaluationId}`)).body, selectedTaskId)).toBe(true);
  });

  it('shows the decisions once the office publishes them', async () => {
    expect((await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/publish`, { mode: 'commit' })).body.status).toBe('committed');
    await t.ctx.db.update(reviewCallConfig).set({ publishedAt: new Date() }).where(eq(reviewCallConfig.callKey, '2025-call'));
    const team = (await call('applicant', 'GET', `/api/v1/stage-evaluations/${id}/teams/${f.ownTeam}`)).body;
    expect(team.outcome.outcome).toBe('eliminate');
    expect(team.gates.find((g: { gate: { key: string } }) => g.gate.key === 'originality').passed).toBe(false);
    expect(
      (await call('applicant', 'GET', '/api/v1/my/stage-evaluation-teams')).body.teams.find((x: { evaluationId: string }) => x.evaluationId === id).status,
    ).toBe('published');
    const list = (await call('applicant', 'GET', '/api/v1/evaluation/tasks')).body.tasks;
    expect(list.find((x: { id: string }) => x.id === f.ownTask).status).toBe('eliminated');
    expect(list.find((x: { id: string }) => x.id === selectedTaskId)).toBeDefined();
    // allocations, usage and the final evaluation show the decision and the selected task now
    const sfm = (await call('applicant', 'GET', '/api/v1/programs/specialized-fm/allocations')).body;
    expect(sfm.allocations.some((a: { taskId: string }) => a.taskId === selectedTaskId)).toBe(true);
    const kai = (await call('applicant', 'GET', '/api/v1/programs/k-ai/allocations')).body;
    expect(kai.tasks.find((x: { id: string }) => x.id === f.ownTask).status).toBe('eliminated');
    const end = kai.allocations
      .filter((a: { taskId: string }) => a.taskId === f.ownTask)
      .map((a: { end: string }) => a.end)
      .sort()
      .at(-1);
    expect(end === undefined || end < kaiAllocationEnd).toBe(true);
    expect(has((await call('applicant', 'GET', '/api/v1/programs/specialized-fm/usage?phase=phase-2')).body, selectedTaskId)).toBe(true);
    expect((await call('applicant', 'GET', `/api/v1/tasks/${f.ownTask}/usage`)).body.task.status).toBe('eliminated');
    expect((await call('applicant', 'GET', `/api/v1/tasks/${selectedTaskId}/usage`)).status).toBe(200);
    expect(has((await call('applicant', 'GET', `/api/v1/final-evaluations/${finalEvaluationId}`)).body, selectedTaskId)).toBe(true);
  });
});
