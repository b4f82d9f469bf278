import { isIPv6 } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';

export interface ThrottleRule {
  /** attempts allowed in one window; an attempt counts from the moment it starts */
  attempts: number;
  windowSeconds: number;
}

/**
 * Sign-in attempts per account and per address (10 and 30 per 15 minutes). An attempt counts
 * while it runs and is given back when it succeeds, so a burst of concurrent guesses cannot slip
 * past the limit before the first failure is written.
 */
export const SIGN_IN_RULES = {
  account: { attempts: 10, windowSeconds: 15 * 60 },
  address: { attempts: 30, windowSeconds: 15 * 60 },
  /** sign-ups per address: each one costs a password hash and creates a row */
  signUp: { attempts: 20, windowSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** IPv6 clients own a /64, so the limit is kept per /64; IPv4 per address. */
export function addressKey(ip: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4) return `address:${v4[1]}`;
  if (!isIPv6(ip)) return `address:${ip}`;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...new Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  return `address:${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export const accountKey = (email: string) => `account:${email.trim().toLowerCase().slice(0, 320)}`;

/**
 * Counts one attempt against every key (atomically, on the database clock) and says whether all of
 * them are still within their rule; a refused attempt answers with the seconds until the earliest
 * window that refused it ends. Windows are fixed: they start at the first attempt after the last ended.
 */
export async function reserveAttempt(db: Db, keys: { key: string; rule: ThrottleRule }[]): Promise<ThrottleVerdict> {
  let retryAfter = 0;
  for (const { key, rule } of keys) {
    const rows = await db.execute(sql`
      insert into sign_in_throttle (key, attempts, window_started_at) values (${key}, 1, now())
      on conflict (key) do update set
        attempts = case when sign_in_throttle.window_started_at <= now() - make_interval(secs => ${rule.windowSeconds}) then 1 else sign_in_throttle.attempts + 1 end,
        window_started_at = case when sign_in_throttle.window_started_at <= now() - make_interval(secs => ${rule.windowSeconds}) then now() else sign_in_throttle.window_started_at end
      returning attempts, greatest(1, ceil(extract(epoch from (window_started_at + make_interval(secs => ${rule.windowSeconds}) - now()))))::int as retry_after`);
    const row = rowsOf<{ attempts: number; retry_after: number }>(rows)[0]!;
    if (Number(row.attempts) > rule.attempts) retryAfter = Math.max(retryAfter, Number(row.retry_after));
  }
  return retryAfter > 0 ? { allowed: false, retryAfterSeconds: retryAfter } : { allowed: true };
}

/** A successful sign-in: the account starts afresh, the address gets its attempt back. */
export async function settleSuccess(db: Db, account: string, address: string): Promise<void> {
  await db.execute(sql`delete from sign_in_throttle where key = ${account}`);
  await db.execute(sql`update sign_in_throttle set attempts = greatest(attempts - 1, 0) where key = ${address}`);
}

/** Forgets windows that ended a day ago, a bounded batch at a time (rows from rotating addresses). */
export async function pruneThrottle(db: Db): Promise<void> {
  await db.execute(
    sql`delete from sign_in_throttle where key in (select key from sign_in_throttle where window_started_at < now() - interval '1 day' limit 500)`,
  );
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
