import type { Db } from '../db/connect.ts';
import type { Actor } from './actor.ts';
import type { Auth } from './auth.ts';
import { reserveAttempt, type ThrottleRule } from './sign-in-throttle.ts';
import { appendAudit } from '../audit/audit-log.ts';

/**
 * Resending the confirmation mail: once a minute and five times a day per account, counted in the
 * database (sign_in_throttle), so every app process shares the count and a restart does not reset it.
 */
export const RESEND_RULES = {
  minute: { attempts: 1, windowSeconds: 60 },
  day: { attempts: 5, windowSeconds: 24 * 60 * 60 },
} satisfies Record<string, ThrottleRule>;

/** What an account may not do before it confirmed its address, and what it is told. */
export const UNVERIFIED_MESSAGE = {
  ko: '이메일 주소를 먼저 확인하세요. 가입할 때 받은 메일의 링크를 열거나, 화면 위의 안내에서 확인 메일을 다시 받으세요.',
  en: 'verify your e-mail address first: open the link in the mail you got at sign-up, or ask for a new one from the banner at the top of the page',
};

/** Accounts signed in through a session carry `emailVerified`; an actor without it (a system actor) is not held back. */
export const isUnverified = (actor: Actor | null): boolean => !!actor && actor.emailVerified === false;

export type ResendResult =
  | { status: 'preview'; to: string; validHours: number }
  | { status: 'sent'; to: string; validHours: number }
  | { status: 'already_verified' }
  | { status: 'throttled'; retryAfterSeconds: number };

/**
 * Sends a new confirmation link to the signed-in account's own address, through better-auth (which
 * signs the token and calls the mail hook in auth.ts). The preview says where it would go.
 */
export async function resendVerification(
  db: Db,
  auth: Auth,
  actor: Actor,
  headers: Headers,
  mode: 'preview' | 'commit',
  validHours: number,
): Promise<ResendResult> {
  if (actor.emailVerified !== false) return { status: 'already_verified' };
  if (mode === 'preview') return { status: 'preview', to: actor.email, validHours };
  const verdict = await reserveAttempt(db, [
    { key: `verify-mail-minute:${actor.id}`, rule: RESEND_RULES.minute },
    { key: `verify-mail-day:${actor.id}`, rule: RESEND_RULES.day },
  ]);
  if (!verdict.allowed) return { status: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
  await auth.api.sendVerificationEmail({ body: { email: actor.email }, headers });
  await appendAudit(db, actor, { action: 'account.verification-mail', objectType: 'user', objectId: actor.id, after: { to: actor.email } });
  return { status: 'sent', to: actor.email, validHours };
}
