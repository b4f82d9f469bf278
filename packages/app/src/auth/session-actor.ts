import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { session, user } from '../db/schema/index.ts';
import { preparedOnce } from '../db/prepared-once.ts';
import { readBatch } from '../db/read-batch.ts';
import { actorFromHeaders, type Auth } from './auth.ts';
import { isRole, type Actor } from './actor.ts';

/** What better-auth's context says about its session cookie, read once. */
interface SessionCookie {
  name: string;
  secret: string;
  expiresInMs: number;
  updateAgeMs: number;
}

// built once; run with the caller's connection and logger, so it is counted as every other statement
const sessionActorsStatement = preparedOnce((db) =>
  db
    .select({
      token: session.token,
      expiresAt: session.expiresAt,
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      emailVerified: user.emailVerified,
    })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(sql`${session.token} = any(${sql.placeholder('tokens')}::text[])`)
    .prepare('session_actors'),
);

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionActorsStatement>['execute']>>[number];

// A batch's token list stays well inside a statement's size; more waiting requests take more statements.
const SESSIONS_PER_READ = 100;

/**
 * Who is acting, for every API request. The common case — a signed session cookie whose session is
 * neither expired nor due for better-auth's daily refresh — is decided here: the cookie's HMAC is
 * checked as better-auth checks it (same secret, same SHA-256 signature) and the session with its
 * user is read in one named statement, so PostgreSQL plans it once per connection and the process
 * skips better-auth's endpoint machinery (its Web Crypto verify alone was the largest part of a
 * submission's CPU in the surge profile). Every other case — no cookie, a bad signature, an expired
 * or unknown session, one due for refresh — goes to better-auth's getSession, which decides it and
 * does its writes (the refresh, the clean-up of an expired session). The session is still read on
 * every request: a revoked session stops at once. Requests that arrive together read their sessions
 * in one statement (`readBatch`).
 */
export function sessionActorReader(db: Db, auth: Auth): (headers: () => Headers, cookieHeader: string | undefined) => Promise<Actor | null> {
  let cookie: Promise<SessionCookie> | undefined;
  const readSession = readBatch<SessionRow>(async (tokens) => new Map((await sessionActorsStatement(db).execute({ tokens })).map((row) => [row.token, row])), {
    max: SESSIONS_PER_READ,
  });
  return async (headers, cookieHeader) => {
    cookie ??= auth.$context.then((c) => ({
      name: c.authCookies.sessionToken.name,
      secret: c.secret,
      expiresInMs: c.sessionConfig.expiresIn * 1000,
      updateAgeMs: c.sessionConfig.updateAge * 1000,
    }));
    const known = await cookie;
    const token = cookieHeader ? signedToken(cookieHeader, known) : undefined;
    if (token) {
      const found = await readSession(token);
      const now = Date.now();
      const expires = found?.expiresAt.getTime();
      // better-auth refreshes a session once updateAge has passed since it was last extended
      if (found && expires! > now && expires! - known.expiresInMs + known.updateAgeMs > now)
        return { id: found.id, email: found.email, name: found.name, role: isRole(found.role) ? found.role : 'applicant', emailVerified: found.emailVerified };
    }
    return actorFromHeaders(auth, headers());
  };
}

/** The session token of a cookie signed as better-call signs it (`token.base64(HMAC-SHA256)`), or undefined. */
function signedToken(header: string, known: SessionCookie): string | undefined {
  const raw = firstCookie(header, known.name);
  if (!raw) return undefined;
  const dot = raw.lastIndexOf('.');
  if (dot < 1) return undefined;
  const token = raw.slice(0, dot);
  const signature = raw.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith('=')) return undefined;
  const expected = Buffer.from(createHmac('sha256', known.secret).update(token).digest('base64'));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : undefined;
}

/** The first cookie of that name, decoded, as better-call's parser reads it. */
function firstCookie(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.charCodeAt(0) === 34) value = value.slice(1, -1);
    try {
      return value.includes('%') ? decodeURIComponent(value) : value;
    } catch {
      return value;
    }
  }
  return undefined;
}
