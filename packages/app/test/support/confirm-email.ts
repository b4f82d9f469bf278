import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/context.ts';
import { mailOutbox } from '../../src/db/schema/index.ts';

/** The confirmation link of the newest verification mail queued for an address (the path with its token). */
export async function verificationLink(ctx: AppContext, email: string): Promise<string> {
  const [mail] = await ctx.db
    .select({ link: mailOutbox.link })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toEmail, email.toLowerCase()), eq(mailOutbox.kind, 'email-verification')))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  if (!mail?.link) throw new Error(`no confirmation mail was queued for ${email}`);
  return mail.link;
}

/** Opens the confirmation link as the web's /verify-email page does: the token goes to better-auth. */
export async function followVerificationLink(app: FastifyInstance, link: string) {
  const token = new URL(link, 'http://localhost').searchParams.get('token') ?? '';
  return app.inject({ method: 'GET', url: `/api/auth/verify-email?token=${encodeURIComponent(token)}` });
}

/** Confirms an address the way its owner would: the link from the mail sign-up queued. */
export async function confirmEmail(t: { app: FastifyInstance; ctx: AppContext }, email: string): Promise<void> {
  const res = await followVerificationLink(t.app, await verificationLink(t.ctx, email));
  if (res.statusCode !== 200) throw new Error(`confirming ${email}: ${res.statusCode} ${res.body}`);
}
