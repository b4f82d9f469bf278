import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestServer } from '../support/test-context.ts';
import { signUp } from '../applications/support.ts';
import { countQueries } from '../support/query-counter.ts';

// Every API request reads its session (auth/session-actor.ts decides the common case itself, the rest
// goes to better-auth): a signature that does not match, a revoked or an expired session must not act.
let t: Awaited<ReturnType<typeof createTestServer>>;
beforeAll(async () => {
  t = await createTestServer();
}, 180_000);
afterAll(() => t.dispose());

const me = async (cookie: string) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return (res.json() as { actor: { email: string; role: string; emailVerified?: boolean } | null }).actor;
};
const tokenOf = (cookie: string) => decodeURIComponent(/better-auth\.session_token=([^;]+)/.exec(cookie)![1]!).split('.')[0]!;

describe('the session behind a request', () => {
  it('a signed session cookie acts as its account, with its role and confirmed address', async () => {
    const cookie = await signUp(t, 'signed@session.test');
    expect(await me(cookie)).toMatchObject({ email: 'signed@session.test', role: 'applicant', emailVerified: true });
  });

  it('a cookie whose signature is not the server’s acts as nobody', async () => {
    const cookie = await signUp(t, 'forged@session.test');
    const token = tokenOf(cookie);
    // a signature of the right shape but made with another secret
    const forged = `better-auth.session_token=${encodeURIComponent(`${token}.${Buffer.alloc(32, 7).toString('base64')}`)}`;
    expect(await me(forged)).toBeNull();
    // the bare token without its signature
    expect(await me(`better-auth.session_token=${token}`)).toBeNull();
  });

  it('a revoked session stops at once, and an expired one acts as nobody', async () => {
    const revoked = await signUp(t, 'revoked@session.test');
    expect(await me(revoked)).not.toBeNull();
    await t.ctx.db.execute(sql`delete from session where token = ${tokenOf(revoked)}`);
    expect(await me(revoked)).toBeNull();

    const expired = await signUp(t, 'expired@session.test');
    expect(await me(expired)).not.toBeNull();
    await t.ctx.db.execute(sql`update session set expires_at = now() - interval '1 minute' where token = ${tokenOf(expired)}`);
    expect(await me(expired)).toBeNull();
  });

  it('a session due for better-auth’s daily refresh still acts, and is extended', async () => {
    const cookie = await signUp(t, 'refresh@session.test');
    // last extended two days ago: seven-day sessions are extended once a day has passed
    await t.ctx.db.execute(sql`update session set expires_at = now() + interval '5 days' where token = ${tokenOf(cookie)}`);
    expect(await me(cookie)).toMatchObject({ email: 'refresh@session.test' });
    const rows = (await t.ctx.db.execute(
      sql`select expires_at > now() + interval '6 days' as extended from session where token = ${tokenOf(cookie)}`,
    )) as unknown as {
      rows: { extended: boolean }[];
    };
    expect(rows.rows[0]!.extended).toBe(true);
  });

  it('requests arriving together read their sessions in one statement, and each acts as its own account', async () => {
    const cookies = await Promise.all(['one', 'two', 'three'].map((n) => signUp(t, `${n}@together.test`)));
    const revoked = await signUp(t, 'gone@together.test');
    await t.ctx.db.execute(sql`delete from session where token = ${tokenOf(revoked)}`);
    const counter = countQueries(t.ctx.db);
    const actors = await Promise.all([...cookies, revoked, cookies[0]!].map(me));
    expect(actors.map((a) => a?.email ?? null)).toEqual(['one@together.test', 'two@together.test', 'three@together.test', null, 'one@together.test']);
    // the revoked one goes on to better-auth, which reads it again; the four signed-in ones shared a read
    expect(counter.count).toBeLessThan(5);
  });

  it('signing up, in and out goes through better-auth without its adapter complaining (its drizzle needs the schema)', async () => {
    const said: unknown[][] = [];
    const spies = (['error', 'warn'] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void said.push(args)));
    try {
      const cookie = await signUp(t, 'quiet@session.test');
      await t.ctx.db.execute(sql`update session set expires_at = now() + interval '5 days' where token = ${tokenOf(cookie)}`);
      expect(await me(cookie)).toMatchObject({ email: 'quiet@session.test' });
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie, origin: 'http://localhost:3000' } });
      expect(out.statusCode).toBe(200);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(said.map((args) => args.map(String).join(' ')).filter((line) => line.includes('Better Auth'))).toEqual([]);
  });
});
