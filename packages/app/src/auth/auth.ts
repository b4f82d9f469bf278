import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Db } from '../db/connect.ts';
import * as schema from '../db/schema/index.ts';
import { isRole, type Actor } from './actor.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { notify } from '../notifications/notify.ts';
import { completeTaskInvitations } from '../tasks/task-invitations.ts';

export interface AuthOptions {
  secret: string;
  baseURL: string;
  /** demo and tests sign up many accounts quickly; production keeps the default cost */
  trustedOrigins?: string[];
  /** scrypt at better-auth's cost, on worker threads */
  hasher: PasswordHasher;
}

/** better-auth over our own drizzle tables: e-mail + password, sessions in a cookie. */
export function createAuth(db: Db, opts: AuthOptions) {
  return betterAuth({
    secret: opts.secret,
    baseURL: opts.baseURL,
    basePath: '/api/auth',
    trustedOrigins: opts.trustedOrigins,
    database: drizzleAdapter(db as never, {
      provider: 'pg',
      schema: { user: schema.user, session: schema.session, account: schema.account, verification: schema.verification },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 256,
      // without auto sign-in, better-auth answers a sign-up for a taken e-mail exactly like a new
      // one (after the same hash), so sign-up does not tell who has an account; the web signs in next
      autoSignIn: false,
      password: { hash: (password) => opts.hasher.hash(password), verify: ({ hash, password }) => opts.hasher.verify(hash, password) },
      // the reset mail is queued like every mail (sent by the mailer, or kept in the outbox); its link
      // leads to the web's own page with the token, and is never shown to the office
      resetPasswordTokenExpiresIn: RESET_VALID_MINUTES * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, token }) => {
        await db.transaction((tx) =>
          notify(tx, {
            to: { userId: user.id },
            mailOnly: true,
            notice: { kind: 'password-reset', params: { name: user.name, validMinutes: RESET_VALID_MINUTES } },
            link: `/reset-password?token=${encodeURIComponent(token)}`,
          }),
        );
      },
    },
    // a new account gets a link to confirm its address (better-auth's signed token, 24 h); the mail is
    // queued like the reset mail and its link never shows in the office's outbox. Unconfirmed accounts
    // sign in and read; submitting and accepting an invitation wait for it (email-verification.ts)
    emailVerification: {
      sendOnSignUp: true,
      // the link confirms the address only; signing in stays with the password
      autoSignInAfterVerification: false,
      expiresIn: VERIFY_VALID_HOURS * 60 * 60,
      // confirming the address completes the office's pending task invitations of it (task-invitations.ts)
      // a completion that fails must not fail the confirmation: the invitations stay pending and the
      // person accepts them on their invitations page (task-invitation-answers.ts)
      afterEmailVerification: async (user) => {
        try {
          await completeTaskInvitations(db, { id: user.id, email: user.email, name: user.name });
        } catch (err) {
          console.error(`task invitations of account ${user.id} not completed at e-mail confirmation; they stay pending for the person to accept:`, err);
        }
      },
      sendVerificationEmail: async ({ user, token }) => {
        await db.transaction((tx) =>
          notify(tx, {
            to: { userId: user.id },
            mailOnly: true,
            notice: { kind: 'email-verification', params: { name: user.name, validHours: VERIFY_VALID_HOURS } },
            link: `/verify-email?token=${encodeURIComponent(token)}`,
          }),
        );
      },
    },
    user: {
      additionalFields: {
        // a new account is an applicant; only an operator grants other roles
        role: { type: 'string', required: false, defaultValue: 'applicant', input: false },
        locale: { type: 'string', required: false, defaultValue: 'ko', input: true },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // sign-in limits live in the database (sign-in-throttle.ts), shared by every process and on in
    // every environment; better-auth's own limiter would keep a second, per-process count
    rateLimit: { enabled: false },
    // every request reads its session: with joins, the session and its user come in one statement
    // (the schema's relations, schema/auth.ts) instead of two; no cookie cache, so a revoked session
    // stops working at once
    advanced: { database: { joins: true } },
    telemetry: { enabled: false },
  });
}

const RESET_VALID_MINUTES = 60;
export const VERIFY_VALID_HOURS = 24;

export type Auth = ReturnType<typeof createAuth>;

export async function actorFromHeaders(auth: Auth, headers: Headers): Promise<Actor | null> {
  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  const u = found.user as { id: string; email: string; name: string; role?: unknown; emailVerified?: boolean };
  return { id: u.id, email: u.email, name: u.name, role: isRole(u.role) ? u.role : 'applicant', emailVerified: u.emailVerified === true };
}
