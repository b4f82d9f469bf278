import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from '../support/test-context.ts';
import { countQueries } from '../support/query-counter.ts';
import { isEmbedded } from '../../src/db/connect.ts';
import { api, createOrganisation, openCallAroundNow, readyApplication, signUp, type Api } from './support.ts';

// Issue 19 item 1: what one submission costs the database, counted, so it cannot creep back up.
// Every statement is a round trip under a deadline surge, and the ones after the receipt counter is
// taken are spent holding the call's queue.
let t: Awaited<ReturnType<typeof createTestServer>>;
let alice: Api;
let counter: ReturnType<typeof countQueries>;
beforeAll(async () => {
  t = await createTestServer();
  alice = api(t.app, await signUp(t, 'alice@statements.test'));
  const operator = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
  await openCallAroundNow(t, operator, 'statement count window');
  counter = countQueries(t.ctx.db);
}, 180_000);
afterAll(() => t.dispose());

/** `begin` and `commit` as the counter sees them: PGlite's transaction wrapper sends them itself, past drizzle's logger. */
const envelope = () => (isEmbedded(t.ctx.db) ? 0 : 2);

/** The statements one request sends (callers keep the smaller of two: the audit checkpoint’s timer may land one of its own in the window). */
async function statementsOf(send: () => Promise<{ status: number }>, expected: number): Promise<number> {
  counter.reset();
  const res = await send();
  expect(res.status).toBe(expected);
  return counter.count;
}

describe('one submission’s statements', () => {
  it('a submission is the session read, begin, one locked read, the queues, one write and commit', async () => {
    const counts: number[] = [];
    for (let i = 0; i < 2; i++) {
      const ready = await readyApplication(alice, await createOrganisation(alice), `문장 세기 ${i}`);
      counts.push(await statementsOf(() => alice.post(`/api/v1/applications/${ready.id}/submit`, { version: ready.version }), 201));
    }
    expect(Math.min(...counts)).toBe(4 + envelope());
  });

  it('a retry of a submitted version answers from the stored receipt without taking the queues', async () => {
    const ready = await readyApplication(alice, await createOrganisation(alice), '문장 세기 재시도');
    expect((await alice.post(`/api/v1/applications/${ready.id}/submit`, { version: ready.version })).status).toBe(201);
    const counts = [
      await statementsOf(() => alice.post(`/api/v1/applications/${ready.id}/submit`, { version: ready.version }), 200),
      await statementsOf(() => alice.post(`/api/v1/applications/${ready.id}/submit`, { version: ready.version }), 200),
    ];
    // the session, the locked read and the stored receipt
    expect(Math.min(...counts)).toBeLessThanOrEqual(3 + envelope());
  });
});
