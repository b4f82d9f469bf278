import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.ts';
import { auditHeadMac, auditRowHash, type AuditFields } from './audit-hash.ts';
import { auditKeyringOf } from './audit-key.ts';
import type { Actor } from '../auth/actor.ts';

export { verifyAuditChain, checkpointAudit } from './audit-verify.ts';

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

interface HeadRow {
  seq: string | number;
  hash: string;
  keyed_from: string | number;
  at: Date | string;
}

/** The chain's head as locked by a writer: the last row's seq and hash, and the database's clock for the new row. */
export interface LockedAuditHead {
  seq: number;
  hash: string;
  keyedFrom: number;
  at: Date;
}

/**
 * Locks the head row (FOR UPDATE serialises the chain across every process on the database) and
 * reads it with the database's clock, truncated to what a JS Date holds so the hash can be
 * recomputed exactly. A query of its own, or the body of a statement that takes other locks with it
 * (the submission takes its receipt counter in the same round trip).
 */
export const lockAuditHeadSql = sql`select seq, hash, keyed_from, date_trunc('milliseconds', statement_timestamp()) as at from audit_head where id = 'head' for update of audit_head`;

export function lockedAuditHead(row: HeadRow | undefined): LockedAuditHead {
  if (!row) throw new Error('the audit head row is missing (the audit tables were altered outside Stagegate); run `stagegate audit verify`');
  return { seq: Number(row.seq), hash: row.hash, keyedFrom: Number(row.keyed_from), at: row.at instanceof Date ? row.at : new Date(row.at) };
}

/**
 * The next row of the chain after a locked head, and the one statement that writes it with the new
 * signed head: `insertRow` and `updateHead` can stand as CTEs beside the caller's own writes. The
 * HMAC is computed here, so the key never travels to the database.
 */
export function nextAuditRow(tx: Tx | Db, head: LockedAuditHead, actor: Actor | null, entry: AuditEntry): { seq: number; insertRow: SQL; updateHead: SQL } {
  const keyring = auditKeyringOf(tx);
  const seq = head.seq + 1;
  const row: AuditFields = {
    seq,
    at: head.at,
    actorId: actor?.id ?? null,
    actorLabel: actor ? `${actor.email} (${actor.role})` : 'system',
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
  };
  const hash = auditRowHash(head.hash, row, seq >= head.keyedFrom ? keyring.key : undefined);
  const mac = auditHeadMac(keyring.key, 'head', { seq, hash, keyedFrom: head.keyedFrom });
  return {
    seq,
    insertRow: sql`insert into audit_log (seq, at, actor_id, actor_label, action, object_type, object_id, before, after, reason, prev_hash, hash)
      values (${seq}, ${row.at.toISOString()}, ${row.actorId}, ${row.actorLabel}, ${row.action}, ${row.objectType}, ${row.objectId},
              ${jsonParam(row.before)}::jsonb, ${jsonParam(row.after)}::jsonb, ${row.reason}, ${head.hash}, ${hash})`,
    updateHead: sql`update audit_head set seq = ${seq}, hash = ${hash}, key_id = ${keyring.keyId}, mac = ${mac} where id = 'head'`,
  };
}

/**
 * Appends one row inside the caller's transaction, so the audit row commits with the change.
 * Two statements: the head row is locked and read with the database's clock, then the row and the
 * new signed head are written together. Call it as the last write before commit: the head stays
 * locked until then.
 */
export async function appendAudit(tx: Tx | Db, actor: Actor | null, entry: AuditEntry): Promise<number> {
  const res = await tx.execute(lockAuditHeadSql);
  const head = lockedAuditHead((res as unknown as { rows: HeadRow[] }).rows[0]);
  const next = nextAuditRow(tx, head, actor, entry);
  await tx.execute(sql`with appended as (${next.insertRow}) ${next.updateHead}`);
  return next.seq;
}

function jsonParam(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}
