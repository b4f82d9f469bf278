import { and, eq, inArray } from 'drizzle-orm';
import { PLEDGE_VERSION } from '@stagegate/core/review/conflict-pledge';
import type { Db } from '../db/connect.ts';
import { reviewPledges } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';

export type PledgeRow = typeof reviewPledges.$inferSelect;

export async function getPledge(db: Db, roundId: string, reviewerId: string): Promise<PledgeRow | undefined> {
  const [row] = await db
    .select()
    .from(reviewPledges)
    .where(and(eq(reviewPledges.roundId, roundId), eq(reviewPledges.reviewerId, reviewerId)));
  return row;
}

/** Every pledge the given pool entries have accepted, keyed `roundId|reviewerId`. */
export async function pledgesOf(db: Db, reviewerIds: string[]): Promise<Map<string, PledgeRow>> {
  if (reviewerIds.length === 0) return new Map();
  const rows = await db.select().from(reviewPledges).where(inArray(reviewPledges.reviewerId, reviewerIds));
  return new Map(rows.map((r) => [`${r.roundId}|${r.reviewerId}`, r]));
}

/** Records the reviewer's acceptance once; accepting again keeps the first time (what was agreed, and when, does not move). */
export async function acceptPledge(
  db: Db,
  actor: Actor,
  roundId: string,
  reviewerId: string,
  locale: 'ko' | 'en',
): Promise<{ pledge: PledgeRow; created: boolean }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(reviewPledges)
      .where(and(eq(reviewPledges.roundId, roundId), eq(reviewPledges.reviewerId, reviewerId)));
    if (existing) return { pledge: existing, created: false };
    const [row] = await tx.insert(reviewPledges).values({ roundId, reviewerId, version: PLEDGE_VERSION, locale }).returning();
    await appendAudit(tx, actor, {
      action: 'review.pledge.accept',
      objectType: 'review-pledge',
      objectId: `${roundId}/${reviewerId}`,
      after: { version: row!.version, locale, acceptedAt: row!.acceptedAt.toISOString() },
    });
    return { pledge: row!, created: true };
  });
}
