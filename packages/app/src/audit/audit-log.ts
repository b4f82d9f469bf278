import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.ts';
import { auditHead, auditLog } from '../db/schema/index.ts';
import { auditRowHash, GENESIS_HASH, type AuditFields } from './audit-hash.ts';
import type { Actor } from '../auth/actor.ts';

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

// Any fixed number: every process serialises its appends on the same advisory lock, so the chain
// never forks even with several app processes on one PostgreSQL server.
const AUDIT_LOCK_KEY = 7_100_401;

/** Appends one row inside the caller's transaction, so the audit row commits with the change. */
export async function appendAudit(tx: Tx | Db, actor: Actor | null, entry: AuditEntry): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 'head'));
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  // the database's clock, truncated to what a JS Date holds, so the hash can be recomputed exactly
  const res = await tx.execute(sql`select date_trunc('milliseconds', statement_timestamp()) as at`);
  const raw = (res as unknown as { rows: { at: Date | string }[] }).rows[0]!.at;
  const at = raw instanceof Date ? raw : new Date(raw);
  const row: AuditFields = {
    seq,
    at,
    actorId: actor?.id ?? null,
    actorLabel: actor ? `${actor.email} (${actor.role})` : 'system',
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
  };
  const hash = auditRowHash(prevHash, row);
  await tx.insert(auditLog).values({ ...row, prevHash, hash });
  await tx
    .insert(auditHead)
    .values({ id: 'head', seq, hash })
    .onConflictDoUpdate({ target: auditHead.id, set: { seq, hash } });
  return seq;
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  problems: { seq: number | null; problem: string }[];
}

/** Recomputes the chain: an edited row, a deleted row (gap or broken link) or a trimmed tail shows up. */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  const problems: AuditVerification['problems'] = [];
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let count = 0;
  const pageSize = 5000;
  for (let from = 0; ; ) {
    const page = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.seq} > ${from}`)
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const r of page) {
      count++;
      if (r.seq !== expected) problems.push({ seq: r.seq, problem: `rows ${expected}..${r.seq - 1} are missing` });
      if (r.prevHash !== prevHash) problems.push({ seq: r.seq, problem: 'does not link to the previous row (a row before it was changed or deleted)' });
      const { prevHash: _p, hash, ...fields } = r;
      const recomputed = auditRowHash(r.prevHash, fields as AuditFields);
      if (recomputed !== hash) problems.push({ seq: r.seq, problem: 'content does not match its hash (the row was edited)' });
      prevHash = hash;
      expected = r.seq + 1;
      from = r.seq;
    }
    if (page.length < pageSize) break;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 'head'));
  const lastSeq = expected - 1;
  if (head && (head.seq !== lastSeq || head.hash !== prevHash)) {
    problems.push({ seq: head.seq, problem: `the log ends at ${lastSeq} but ${head.seq} rows were written (rows at the end were deleted or changed)` });
  }
  if (!head && count > 0) problems.push({ seq: null, problem: 'the audit head is missing' });
  return { ok: problems.length === 0, rows: count, problems };
}

export async function listAudit(db: Db, opts: { objectType?: string; objectId?: string; limit?: number } = {}) {
  const where = opts.objectType
    ? opts.objectId
      ? sql`${auditLog.objectType} = ${opts.objectType} and ${auditLog.objectId} = ${opts.objectId}`
      : sql`${auditLog.objectType} = ${opts.objectType}`
    : undefined;
  return db.select().from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(opts.limit ?? 200);
}
