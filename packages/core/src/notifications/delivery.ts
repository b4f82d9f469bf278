/**
 * When a mail that could not be sent is tried again: the wait doubles from `baseMs` after each
 * failed attempt (1, 2, 4 … × base, at most `maxWaitMs`), and after the last attempt the mail is
 * failed, for the office to see. The in-app notice was committed with it and is never lost.
 */
export const MAIL_MAX_ATTEMPTS = 8;

export type NextAttempt = { status: 'retry'; waitMs: number } | { status: 'failed' };

export function nextMailAttempt(attemptsMade: number, opts: { baseMs: number; maxWaitMs?: number; maxAttempts?: number }): NextAttempt {
  if (attemptsMade >= (opts.maxAttempts ?? MAIL_MAX_ATTEMPTS)) return { status: 'failed' };
  const wait = opts.baseMs * 2 ** Math.max(0, attemptsMade - 1);
  return { status: 'retry', waitMs: Math.min(wait, opts.maxWaitMs ?? Number.POSITIVE_INFINITY) };
}
