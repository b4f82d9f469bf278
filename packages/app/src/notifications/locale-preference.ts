import { eq } from 'drizzle-orm';
import type { Locale } from '@stagegate/core/notifications/templates';
import type { Db } from '../db/connect.ts';
import { user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';

/** The language a person's mail is written in: the one they last chose in the web app. */
export async function setLocale(db: Db, actor: Actor, locale: Locale): Promise<{ locale: Locale; changed: boolean }> {
  return db.transaction(async (tx) => {
    // no key update: a submission's notices check their foreign key to this row (key share) while it holds the audit head, which this transaction wants next
    const [row] = await tx.select({ locale: user.locale }).from(user).where(eq(user.id, actor.id)).for('no key update');
    if (row?.locale === locale) return { locale, changed: false };
    await tx.update(user).set({ locale, updatedAt: new Date() }).where(eq(user.id, actor.id));
    await appendAudit(tx, actor, {
      action: 'account.locale',
      objectType: 'user',
      objectId: actor.id,
      before: { locale: row?.locale ?? null },
      after: { locale },
    });
    return { locale, changed: true };
  });
}
