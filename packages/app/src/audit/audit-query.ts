import { and, desc, eq, gte, ilike, like, lt, or, type SQL } from 'drizzle-orm';
import { seoulMidnight } from '@stagegate/core/shared/seoul-time';
import type { Db } from '../db/connect.ts';
import { auditLog } from '../db/schema/index.ts';
import { escapeLike } from '../db/like-pattern.ts';

/** What the office narrows the audit log by; days are Korea's calendar days, both ends included. */
export interface AuditFilter {
  objectType?: string;
  objectId?: string;
  /** an action or the start of one: `allocation` finds `allocation.create` and `allocation.change-request.approve` */
  action?: string;
  /** part of the actor's e-mail or name as recorded */
  actor?: string;
  /** part of the written reason */
  reason?: string;
  from?: string;
  to?: string;
  /** the page after this sequence number (newest first) */
  before?: number;
  limit?: number;
}

function conditions(f: AuditFilter): SQL[] {
  const out: SQL[] = [];
  if (f.objectType) out.push(eq(auditLog.objectType, f.objectType));
  if (f.objectType && f.objectId) out.push(eq(auditLog.objectId, f.objectId));
  if (f.action) out.push(or(eq(auditLog.action, f.action), like(auditLog.action, `${escapeLike(f.action)}.%`))!);
  if (f.actor) out.push(ilike(auditLog.actorLabel, `%${escapeLike(f.actor)}%`));
  if (f.reason) out.push(ilike(auditLog.reason, `%${escapeLike(f.reason)}%`));
  if (f.from) out.push(gte(auditLog.at, new Date(seoulMidnight(f.from) * 1000)));
  if (f.to) out.push(lt(auditLog.at, new Date((seoulMidnight(f.to) + 86_400) * 1000)));
  if (f.before !== undefined) out.push(lt(auditLog.seq, f.before));
  return out;
}

/**
 * One page of the audit log, newest first, and where the next page starts. The page is read one
 * row longer than asked so the office learns whether more exist without counting the whole log.
 */
export async function listAuditPage(db: Db, filter: AuditFilter = {}) {
  const limit = filter.limit ?? 50;
  const where = conditions(filter);
  const rows = await db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1]!.seq : null };
}

/** The actions the log holds, for the office's filter (a short list: one row per action). */
export async function auditActionsInUse(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

/** The kinds of object the log holds, for the office's filter. */
export async function auditObjectTypesInUse(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ objectType: auditLog.objectType }).from(auditLog).orderBy(auditLog.objectType);
  return rows.map((r) => r.objectType);
}
