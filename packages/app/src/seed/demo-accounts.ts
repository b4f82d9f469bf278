import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { mailOutbox, user } from '../db/schema/index.ts';
import type { Role } from '../auth/actor.ts';
import { appendAudit } from '../audit/audit-log.ts';

/** One account per role, listed in README. Demo only: never seeded when STAGEGATE_DEMO=0. */
export const demoAccounts: { email: string; password: string; name: string; role: Role }[] = [
  { email: 'operator@demo.stagegate.kr', password: 'stagegate-demo', name: '김운영 (Program office)', role: 'operator' },
  { email: 'applicant@demo.stagegate.kr', password: 'stagegate-demo', name: '이신청 (Applicant)', role: 'applicant' },
  { email: 'reviewer@demo.stagegate.kr', password: 'stagegate-demo', name: '박심사 (Reviewer)', role: 'reviewer' },
  { email: 'evaluator@demo.stagegate.kr', password: 'stagegate-demo', name: '최평가 (Evaluator)', role: 'evaluator' },
];

export async function ensureAccount(ctx: AppContext, a: { email: string; password: string; name: string; role: Role }): Promise<string> {
  const [existing] = await ctx.db.select().from(user).where(eq(user.email, a.email));
  if (existing) return existing.id;
  const res = await ctx.auth.api.signUpEmail({ body: { email: a.email, password: a.password, name: a.name } });
  await ctx.db.transaction(async (tx) => {
    // seeded accounts stand for people the office already knows: their address counts as confirmed,
    // and the confirmation mail sign-up queued for them is dropped unsent
    await tx.update(user).set({ role: a.role, emailVerified: true }).where(eq(user.id, res.user.id));
    await tx.delete(mailOutbox).where(and(eq(mailOutbox.toEmail, res.user.email), eq(mailOutbox.kind, 'email-verification'), eq(mailOutbox.status, 'queued')));
    await appendAudit(tx, null, { action: 'account.create', objectType: 'user', objectId: res.user.id, after: { email: a.email, role: a.role } });
  });
  return res.user.id;
}
