import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer } from '../support/test-context.ts';
import { api, CALL, createOrganisation, PROGRAM, signUp, type Api } from '../applications/support.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let alice: Api;
let org: { id: string };
beforeAll(async () => {
  t = await createTestServer();
  alice = api(t.app, await signUp(t, 'alice@bounded.test'));
  org = await createOrganisation(alice);
});
afterAll(() => t.dispose());

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('issue 12 item 2: bounded work per consortium', () => {
  it('refuses 15,000 participants with a 4xx naming the field, while GET /api/v1/programs still answers in under 1 s', async () => {
    const participants = Array.from({ length: 15_000 }, (_, i) => ({ organisationId: uuid(i), role: 'data' }));
    const started = Date.now();
    const check = alice.post('/api/v1/eligibility/check', { program: PROGRAM, call: CALL, organisationId: org.id, consortium: { participants } });
    const programsStarted = Date.now();
    const programs = t.app.inject({ method: 'GET', url: '/api/v1/programs' });
    const [refused, listed] = await Promise.all([check, programs.then((r) => ({ r, ms: Date.now() - programsStarted }))]);
    expect(listed.r.statusCode).toBe(200);
    expect(listed.ms).toBeLessThan(1000);
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues).toEqual([
      { field: 'consortium.participants', message: { ko: expect.stringContaining('최대 200곳'), en: 'at most 200 participants per consortium (got 15,000)' } },
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a draft save with more participants than the program allows is refused with 422 naming the field', async () => {
    const draft = (await alice.post('/api/v1/applications', { program: PROGRAM, call: CALL, organisationId: org.id })).body.application;
    const res = await alice.patch(`/api/v1/applications/${draft.id}`, {
      baseVersion: 1,
      consortium: { participants: Array.from({ length: 201 }, (_, i) => ({ organisationId: uuid(i) })) },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0]).toMatchObject({ field: 'consortium.participants', message: { en: 'at most 200 participants per consortium (got 201)' } });
  });
});
