import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

// A task selected by an additional call reaches its final evaluation after the first cohort's: the
// program's next final evaluation holds the tasks no earlier one holds, and none is evaluated twice.
let t: Awaited<ReturnType<typeof createTestServer>>;
let cookie = '';
const create = (mode: 'preview' | 'commit') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/final-evaluations',
    headers: { cookie },
    payload: { program: 'specialized-fm', excellenceRule: { kind: 'topN', n: 1 }, poolKey: 'b200-pool', phaseKey: 'additional-support', mode },
  });

beforeAll(async () => {
  t = await createTestServer();
  cookie = await signIn(t.app, 'operator@demo.stagegate.kr');
});
afterAll(() => t.dispose());

describe('final evaluations per cohort', () => {
  it('holds only the tasks no earlier final evaluation of the program holds, and refuses once every task has one', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/final-evaluations', headers: { cookie } })).json();
    // the demo's specialized-fm final evaluation holds sfm-01 and sfm-02
    expect(JSON.stringify(list)).toContain('specialized-fm');
    expect((await create('preview')).statusCode).toBe(409);
    const awaiting = async () =>
      ((await t.app.inject({ method: 'GET', url: '/api/v1/final-evaluations', headers: { cookie } })).json().awaiting['specialized-fm'] ?? 0) as number;
    expect(await awaiting()).toBe(0);

    await t.ctx.db.insert(tasks).values({ programSlug: 'specialized-fm', key: 'sfm-2099-01', name: { ko: '추가 공모 과제', en: 'Additional call task' } });
    const preview = await create('preview');
    expect(await awaiting()).toBe(1);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().tasks.map((x: { key: string }) => x.key)).toEqual(['sfm-2099-01']);
    expect((await create('commit')).statusCode).toBe(201);
    expect(await awaiting()).toBe(0);
    expect((await create('preview')).statusCode).toBe(409);
  });
});
