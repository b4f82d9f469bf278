import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { applications, mailOutbox, reviewAssignments, reviewerPool, reviewRounds, reviewSheets, roundPanel } from '../db/schema/index.ts';

/** Submitted applications per call, one grouped count for every call (not one query per call). */
export async function submittedPerCall(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .select({ programSlug: applications.programSlug, callKey: applications.callKey, n: count() })
    .from(applications)
    .where(eq(applications.status, 'submitted'))
    .groupBy(applications.programSlug, applications.callKey);
  return new Map(rows.map((r) => [`${r.programSlug}/${r.callKey}`, Number(r.n)]));
}

export interface RoundCounts {
  assigned: number;
  submittedSheets: number;
  panel: number;
}

/** Assignments, submitted sheets and panel size of each round, three grouped counts whatever the number of rounds. */
export async function roundCounts(db: Db, roundIds: string[]): Promise<Map<string, RoundCounts>> {
  const out = new Map<string, RoundCounts>(roundIds.map((id) => [id, { assigned: 0, submittedSheets: 0, panel: 0 }]));
  if (roundIds.length === 0) return out;
  const [assigned, sheets, panel] = await Promise.all([
    db
      .select({ roundId: reviewAssignments.roundId, n: count() })
      .from(reviewAssignments)
      .where(inArray(reviewAssignments.roundId, roundIds))
      .groupBy(reviewAssignments.roundId),
    db
      .select({ roundId: reviewSheets.roundId, n: count() })
      .from(reviewSheets)
      .where(and(inArray(reviewSheets.roundId, roundIds), eq(reviewSheets.status, 'submitted')))
      .groupBy(reviewSheets.roundId),
    db.select({ roundId: roundPanel.roundId, n: count() }).from(roundPanel).where(inArray(roundPanel.roundId, roundIds)).groupBy(roundPanel.roundId),
  ]);
  for (const r of assigned) out.get(r.roundId)!.assigned = Number(r.n);
  for (const r of sheets) out.get(r.roundId)!.submittedSheets = Number(r.n);
  for (const r of panel) out.get(r.roundId)!.panel = Number(r.n);
  return out;
}

export async function getRound(db: Db, roundId: string) {
  const [round] = await db.select().from(reviewRounds).where(eq(reviewRounds.id, roundId));
  return round ?? null;
}

export async function sheetsOfRound(db: Db, roundId: string) {
  return db.select().from(reviewSheets).where(eq(reviewSheets.roundId, roundId));
}

/** The latest messages to a call's reviewers, at most 200, in one query (the pool is a subquery). */
export async function reviewerOutbox(db: Db, programSlug: string, callKey: string) {
  const emails = db
    .select({ email: reviewerPool.email })
    .from(reviewerPool)
    .where(and(eq(reviewerPool.programSlug, programSlug), eq(reviewerPool.callKey, callKey)));
  return db.select().from(mailOutbox).where(inArray(mailOutbox.toEmail, emails)).orderBy(desc(mailOutbox.createdAt)).limit(200);
}

export async function getApplicationRow(db: Db, id: string) {
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  return row ?? null;
}
