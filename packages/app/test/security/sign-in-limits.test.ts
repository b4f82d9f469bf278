import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword as betterAuthHash, verifyPassword as betterAuthVerify } from '@better-auth/utils/password';
import { buildServer } from '../../src/http/server.ts';
import { createPasswordHasher } from '../../src/auth/password-hasher.ts';
import { addressKey, SIGN_IN_RULES } from '../../src/auth/sign-in-throttle.ts';
import { createTestServer, TEST_ORIGIN } from '../support/test-context.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;

beforeAll(async () => {
  t = await createTestServer();
}, 120_000);
afterAll(() => t.dispose());

type App = typeof t.app;
const signIn = (app: App, email: string, password: string, from = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password }, remoteAddress: from, headers: { origin: TEST_ORIGIN } });
const signUp = (email: string, password: string, from: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    payload: { email, password, name: 'Probe' },
    remoteAddress: from,
    headers: { origin: TEST_ORIGIN },
  });

describe('issue 12 item 3: sign-in', () => {
  it('refuses the 11th wrong password for one account with 429 and Retry-After, even from new addresses and with the right password', async () => {
    const email = 'reviewer2@demo.stagegate.kr';
    for (let i = 0; i < SIGN_IN_RULES.account.attempts; i++) expect((await signIn(t.app, email, 'wrong-password', `10.1.0.${i}`)).statusCode).toBe(401);
    const refused = await signIn(t.app, email, 'stagegate-demo', '10.1.1.1');
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(refused.json().error.message).toMatch(/too many attempts; try again in 15 minutes/);
    // another account is not affected
    expect((await signIn(t.app, 'reviewer3@demo.stagegate.kr', 'stagegate-demo', '10.1.1.1')).statusCode).toBe(200);
  });

  it('limits failures per address across accounts (password spraying)', async () => {
    const from = '10.2.0.1';
    for (let i = 0; i < SIGN_IN_RULES.address.attempts; i++) expect((await signIn(t.app, `nobody${i}@spray.test`, 'guess-1234', from)).statusCode).toBe(401);
    expect((await signIn(t.app, 'panel01@demo.stagegate.kr', 'stagegate-demo', from)).statusCode).toBe(429);
    expect((await signIn(t.app, 'panel01@demo.stagegate.kr', 'stagegate-demo', '10.2.0.2')).statusCode).toBe(200);
  });

  it('counts an attempt while it runs: 25 concurrent guesses on one account reach the password check at most 10 times', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => signIn(t.app, 'panel02@demo.stagegate.kr', 'wrong-password', `10.3.0.${i}`)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('keeps the count in the database, so a second app process on it enforces the same limit', async () => {
    const { app: second } = await buildServer(t.ctx, { logger: false });
    try {
      const email = 'panel03@demo.stagegate.kr';
      for (let i = 0; i < SIGN_IN_RULES.account.attempts; i++)
        expect((await signIn(i % 2 ? second : t.app, email, 'wrong-password', `10.4.0.${i}`)).statusCode).toBe(401);
      expect((await signIn(second, email, 'stagegate-demo', '10.4.1.1')).statusCode).toBe(429);
      expect((await signIn(t.app, email, 'stagegate-demo', '10.4.1.2')).statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });

  it('a success gives the address its attempt back and clears the account', async () => {
    const from = '10.5.0.1';
    for (let i = 0; i < SIGN_IN_RULES.address.attempts + 5; i++)
      expect((await signIn(t.app, 'reviewer4@demo.stagegate.kr', i % 3 === 0 ? 'wrong-password' : 'stagegate-demo', from)).statusCode).toBe(
        i % 3 === 0 ? 401 : 200,
      );
  });

  it('answers an unknown account exactly like a known one with a wrong password', async () => {
    const known = await signIn(t.app, 'reviewer5@demo.stagegate.kr', 'wrong-password', '10.6.0.1');
    const unknown = await signIn(t.app, 'no-such-person@demo.stagegate.kr', 'wrong-password', '10.6.0.2');
    expect(known.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
  });

  it('answers a sign-up for a taken e-mail like a new one: 200, no session, same fields', async () => {
    const taken = await signUp('reviewer6@demo.stagegate.kr', 'another-pass-1', '10.7.0.1');
    const fresh = await signUp('brand-new@signup.test', 'another-pass-1', '10.7.0.2');
    expect(taken.statusCode).toBe(200);
    expect(fresh.statusCode).toBe(200);
    expect(taken.headers['set-cookie']).toBeUndefined();
    expect(fresh.headers['set-cookie']).toBeUndefined();
    expect(Object.keys(taken.json().user).sort()).toEqual(Object.keys(fresh.json().user).sort());
    expect(taken.json().token).toBeNull();
    // the new account works; the taken one kept its own password
    expect((await signIn(t.app, 'brand-new@signup.test', 'another-pass-1', '10.7.0.3')).statusCode).toBe(200);
    expect((await signIn(t.app, 'reviewer6@demo.stagegate.kr', 'stagegate-demo', '10.7.0.3')).statusCode).toBe(200);
  });

  it('limits sign-ups per address', async () => {
    const from = '10.8.0.1';
    for (let i = 0; i < SIGN_IN_RULES.signUp.attempts; i++) expect((await signUp(`flood${i}@signup.test`, 'short', from)).statusCode).toBe(400);
    expect((await signUp('flood-last@signup.test', 'long-enough-1', from)).statusCode).toBe(429);
  });

  it('keys IPv6 clients by their /64', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:ffff:1:2:3'));
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('::ffff:10.0.0.1')).toBe('address:10.0.0.1');
  });
});

describe("issue 12 item 3 / issue 19 item 4: passwords are hashed off the event loop at better-auth's cost", () => {
  it("reads and writes better-auth's scrypt hashes", async () => {
    const hasher = createPasswordHasher({ threads: 1 });
    try {
      const ours = await hasher.hash('비밀번호-pass');
      expect(ours).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
      expect(await betterAuthVerify(ours, '비밀번호-pass')).toBe(true);
      const theirs = await betterAuthHash('stagegate-demo');
      expect(await hasher.verify(theirs, 'stagegate-demo')).toBe(true);
      expect(await hasher.verify(theirs, 'stagegate-demO')).toBe(false);
    } finally {
      await hasher.close();
    }
  });

  it('keeps the event loop free while four hashes run (no gap of 150 ms between timer ticks)', async () => {
    const hasher = createPasswordHasher({ threads: 2 });
    try {
      await hasher.hash('warm-up-1'); // workers started
      let last = performance.now();
      let worstGap = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        worstGap = Math.max(worstGap, now - last);
        last = now;
      }, 5);
      const started = performance.now();
      await Promise.all(['a', 'b', 'c', 'd'].map((p) => hasher.hash(`password-${p}`)));
      const took = performance.now() - started;
      clearInterval(timer);
      expect(took).toBeGreaterThan(150); // the work is real: scrypt at N=16384, r=16
      expect(worstGap).toBeLessThan(150);
    } finally {
      await hasher.close();
    }
  });
});
