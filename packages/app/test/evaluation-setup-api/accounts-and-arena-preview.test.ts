import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { arenas, auditLog } from '../../src/db/schema/index.ts';

// the demo accounts of README's table: evaluator@ and panel01@…panel03@ are evaluators, reviewer@…reviewer6@ reviewers
let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string, reviewer: string, evaluator: string;

beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  reviewer = await signIn(t.app, 'reviewer@demo.stagegate.kr');
  evaluator = await signIn(t.app, 'evaluator@demo.stagegate.kr');
});
afterAll(async () => t?.dispose());

const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (cookie: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });

describe('GET /api/v1/accounts', () => {
  it('lists the evaluator accounts for the office, searchable by name or e-mail', async () => {
    const all = await get(operator, '/api/v1/accounts?role=evaluator');
    expect(all.statusCode).toBe(200);
    const emails = all.json().accounts.map((a: { email: string }) => a.email);
    expect(emails).toEqual(expect.arrayContaining(['evaluator@demo.stagegate.kr', 'panel01@demo.stagegate.kr', 'panel03@demo.stagegate.kr']));
    expect(emails).not.toContain('reviewer@demo.stagegate.kr');
    const found = await get(operator, '/api/v1/accounts?role=evaluator&q=panel02');
    expect(found.json().accounts.map((a: { email: string }) => a.email)).toEqual(['panel02@demo.stagegate.kr']);
    const reviewers = (await get(operator, '/api/v1/accounts?role=reviewer')).json().accounts.map((a: { email: string }) => a.email);
    expect(reviewers).toContain('reviewer6@demo.stagegate.kr');
  });

  it('pages with a bounded limit and says when more remain', async () => {
    const first = (await get(operator, '/api/v1/accounts?role=reviewer&limit=2')).json();
    expect(first.accounts).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const second = (await get(operator, '/api/v1/accounts?role=reviewer&limit=2&offset=2')).json();
    expect(second.accounts[0].email).not.toBe(first.accounts[0].email);
    expect((await get(operator, '/api/v1/accounts?role=reviewer&limit=101')).statusCode).toBe(400);
    expect((await get(operator, `/api/v1/accounts?role=reviewer&q=${'x'.repeat(201)}`)).statusCode).toBe(400);
    expect((await get(operator, '/api/v1/accounts?role=operator')).statusCode).toBe(400);
  });

  it('is refused to everyone but the office', async () => {
    expect((await get(reviewer, '/api/v1/accounts?role=evaluator')).statusCode).toBe(403);
    expect((await get(evaluator, '/api/v1/accounts?role=evaluator')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts?role=evaluator' })).statusCode).toBe(401);
  });
});

describe('POST /api/v1/arenas with evaluators', () => {
  const body = {
    program: 'k-ai',
    stage: 'stage-2',
    kind: 'pairwise',
    capPerEvaluator: 7,
    evaluators: ['panel01@demo.stagegate.kr', 'panel02@demo.stagegate.kr'],
  };

  it('previews the arena and its evaluators without writing anything', async () => {
    const before = (await t.ctx.db.select().from(arenas)).length;
    const res = await post(operator, '/api/v1/arenas', { ...body, mode: 'preview' });
    expect(res.statusCode).toBe(200);
    expect(res.json().arena).toMatchObject({ stage: 'stage-2', capPerEvaluator: 7, fullPoints: 25 });
    expect(
      res
        .json()
        .evaluators.map((e: { email: string }) => e.email)
        .sort(),
    ).toEqual(['panel01@demo.stagegate.kr', 'panel02@demo.stagegate.kr']);
    expect((await t.ctx.db.select().from(arenas)).length).toBe(before);
  });

  it('names the evaluator that is not an evaluator account', async () => {
    const res = await post(operator, '/api/v1/arenas', { ...body, evaluators: ['panel01@demo.stagegate.kr', 'reviewer@demo.stagegate.kr'], mode: 'preview' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues).toEqual([expect.objectContaining({ field: 'evaluators.1' })]);
  });

  it('commits the arena with its evaluators seated, both in the audit log', async () => {
    const res = await post(operator, '/api/v1/arenas', { ...body, mode: 'commit' });
    expect(res.statusCode).toBe(201);
    const id = res.json().arena.id;
    const seated = (await get(operator, `/api/v1/arenas/${id}`)).json();
    expect(JSON.stringify(seated)).toContain('panel02@demo.stagegate.kr');
    const actions = (await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['arena.create', 'arena.evaluators']));
  });

  it('refuses a list of evaluators past its bound', async () => {
    const res = await post(operator, '/api/v1/arenas', {
      ...body,
      stage: 'stage-3',
      evaluators: Array.from({ length: 1001 }, (_, i) => `e${i}@x.kr`),
      mode: 'preview',
    });
    expect(res.statusCode).toBe(422);
  });
});
