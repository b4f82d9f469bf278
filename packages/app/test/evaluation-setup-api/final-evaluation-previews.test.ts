import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { auditLog, finalEvaluations, tasks } from '../../src/db/schema/index.ts';

// demo data (README): K-AI's five teams and no K-AI final evaluation; stage-4 is K-AI's last phase
let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string, applicant: string;
let kai: (typeof tasks.$inferSelect)[];

beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  applicant = await signIn(t.app, 'applicant@demo.stagegate.kr');
  kai = await t.ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'k-ai')).orderBy(tasks.key);
});
afterAll(async () => t?.dispose());

const call = (cookie: string, method: 'POST' | 'PUT', url: string, payload: object) => t.app.inject({ method, url, payload, headers: { cookie } });
const create = { program: 'k-ai', excellenceRule: { kind: 'topN', n: 2 }, poolKey: 'b200-pool', phaseKey: 'stage-4', maxExtraGpus: 256 };

describe('final evaluation: create and enter scores through preview and commit', () => {
  let id: string;

  it('previews the final evaluation with the tasks it takes in, writing nothing', async () => {
    const res = await call(operator, 'POST', '/api/v1/final-evaluations', { ...create, mode: 'preview' });
    expect(res.statusCode).toBe(200);
    expect(res.json().finalEvaluation).toMatchObject({ program: 'k-ai', phaseKey: 'stage-4', maxExtraGpus: 256 });
    expect(
      res
        .json()
        .tasks.map((x: { key: string }) => x.key)
        .sort(),
    ).toEqual(kai.filter((k) => k.status === 'active' || k.status === 'completed').map((k) => k.key));
    expect(await t.ctx.db.select().from(finalEvaluations).where(eq(finalEvaluations.programSlug, 'k-ai'))).toEqual([]);
  });

  it('names a phase the program does not have', async () => {
    const res = await call(operator, 'POST', '/api/v1/final-evaluations', { ...create, phaseKey: 'stage-9', mode: 'preview' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.field).toBe('phaseKey');
  });

  it('commits, then previews score changes with the score before and names a bad score by its field', async () => {
    const created = await call(operator, 'POST', '/api/v1/final-evaluations', { ...create, mode: 'commit' });
    expect(created.statusCode).toBe(201);
    id = created.json().finalEvaluation.id;
    const [a, b] = kai;
    const preview = await call(operator, 'PUT', `/api/v1/final-evaluations/${id}/scores`, {
      scores: [
        { taskId: a!.id, score: 88.5 },
        { taskId: b!.id, score: 71 },
      ],
      mode: 'preview',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().changes).toEqual([
      expect.objectContaining({ taskKey: a!.key, before: null, after: 88.5 }),
      expect.objectContaining({ taskKey: b!.key, before: null, after: 71 }),
    ]);
    const bad = await call(operator, 'PUT', `/api/v1/final-evaluations/${id}/scores`, {
      scores: [
        { taskId: a!.id, score: 88.5 },
        { taskId: b!.id, score: 120 },
      ],
      mode: 'preview',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues).toEqual([expect.objectContaining({ field: 'scores.1.score' })]);
    const before = (await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, id))).length;
    expect(
      (await call(operator, 'PUT', `/api/v1/final-evaluations/${id}/scores`, { scores: [{ taskId: a!.id, score: 88.5 }], mode: 'commit' })).statusCode,
    ).toBe(200);
    const actions = (await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, id))).map((r) => r.action);
    expect(actions.length).toBe(before + 1);
    expect(actions).toContain('final-evaluation.scores');
    const again = await call(operator, 'PUT', `/api/v1/final-evaluations/${id}/scores`, {
      scores: [
        { taskId: a!.id, score: 88.5 },
        { taskId: b!.id, score: 71 },
      ],
      mode: 'preview',
    });
    expect(again.json().changes.map((c: { taskKey: string }) => c.taskKey)).toEqual([b!.key]);
  });

  it('bounds the score list and refuses an applicant', async () => {
    const many = Array.from({ length: 501 }, () => ({ taskId: kai[0]!.id, score: 1 }));
    expect((await call(operator, 'PUT', `/api/v1/final-evaluations/${id}/scores`, { scores: many, mode: 'preview' })).statusCode).toBe(400);
    expect(
      (await call(applicant, 'PUT', `/api/v1/final-evaluations/${id}/scores`, { scores: [{ taskId: kai[0]!.id, score: 1 }], mode: 'preview' })).statusCode,
    ).toBe(403);
    expect((await call(applicant, 'POST', '/api/v1/final-evaluations', { ...create, mode: 'preview' })).statusCode).toBe(403);
  });
});
