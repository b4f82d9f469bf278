import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.ts';
import { accountKey, addressKey, pruneThrottle, reserveAttempt, settleSuccess, SIGN_IN_RULES } from '../auth/sign-in-throttle.ts';

const SIGN_IN = '/api/auth/sign-in/email';
const SIGN_UP = '/api/auth/sign-up/email';

let reservations = 0;

/**
 * Counts a sign-in (per account and per address) or a sign-up (per address) before better-auth
 * hashes anything. Returns `refused` after answering 429 with Retry-After, or a callback to run
 * with better-auth's status once it answered.
 */
export async function limitPasswordAttempt(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  path: string,
): Promise<'refused' | ((status: number) => Promise<void>) | null> {
  if (req.method !== 'POST' || (path !== SIGN_IN && path !== SIGN_UP)) return null;
  if (++reservations % 100 === 0) await pruneThrottle(db);
  const address = addressKey(req.ip);
  const rawEmail = (req.body as { email?: unknown } | undefined)?.email;
  const account = accountKey(typeof rawEmail === 'string' ? rawEmail : '');
  const verdict =
    path === SIGN_IN
      ? await reserveAttempt(db, [
          { key: account, rule: SIGN_IN_RULES.account },
          { key: address, rule: SIGN_IN_RULES.address },
        ])
      : await reserveAttempt(db, [{ key: `sign-up:${address}`, rule: SIGN_IN_RULES.signUp }]);
  if (!verdict.allowed) {
    const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
    const en = `too many attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
    // the same answer whether or not the account exists
    reply
      .status(429)
      .header('retry-after', String(verdict.retryAfterSeconds))
      .send({
        code: 'TOO_MANY_ATTEMPTS',
        message: en,
        error: {
          code: 'too_many_attempts',
          message: en,
          issues: [{ field: 'email', message: { ko: `시도가 너무 많습니다. ${minutes}분 뒤에 다시 해 보세요`, en } }],
        },
      });
    return 'refused';
  }
  if (path !== SIGN_IN) return async () => {};
  return async (status) => {
    if (status === 200) await settleSuccess(db, account, address);
  };
}
