import { and, asc, eq } from 'drizzle-orm';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { applications, organisations } from '../db/schema/index.ts';

/** At most this many organisations are named in a preview; the count is always whole. */
const NAMED = 50;

/**
 * The organisations whose drafts on a call would no longer be submittable once it closes: what
 * the office reads before closing a call early.
 */
export async function draftsLeftOnCall(db: Db, programSlug: string, callKey: string): Promise<{ count: number; organisations: LocalizedText[] }> {
  const rows = await db
    .select({ ko: organisations.nameKo, en: organisations.nameEn })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(and(eq(applications.programSlug, programSlug), eq(applications.callKey, callKey), eq(applications.status, 'draft')))
    .orderBy(asc(organisations.nameKo));
  return { count: rows.length, organisations: rows.slice(0, NAMED) };
}
