import { sql } from 'drizzle-orm';
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

/**
 * Appends one row inside the caller's transaction, so the audit row commits with the change.
 * Two statements: the head row is locked (FOR UPDATE serialises the chain across every process on
 * the database) and read with the database's clock, then the row and the new signed head are
 * written together. The HMAC is computed here, so the key never travels to the database.
 * Call it as the last write before commit: the head stays locked until then.
 */
export async function appendAudit(tx: Tx | Db, actor: Actor | null, entry: AuditEntry): Promise<number> {
  const keyring = auditKeyringOf(tx);
  // the database's clock, truncated to what a JS Date holds, so the hash can be recomputed exactly
  const res = await tx.execute(
    sql`select seq, hash, keyed_from, date_trunc('milliseconds', statement_timestamp()) as at from audit_head where id = 'head' for update`,
  );
  const head = (res as unknown as { rows: HeadRow[] }).rows[0];
  if (!head) throw new Error('the audit head row is missing (the audit tables were altered outside Stagegate); run `stagegate audit verify`');
  const seq = Number(head.seq) + 1;
  const keyedFrom = Number(head.keyed_from);
  const prevHash = head.hash;
  const at = head.at instanceof Date ? head.at : new Date(head.at);
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
  const hash = auditRowHash(prevHash, row, seq >= keyedFrom ? keyring.key : undefined);
  const mac = auditHeadMac(keyring.key, 'head', { seq, hash, keyedFrom });
  await tx.execute(sql`with appended as (
      insert into audit_log (seq, at, actor_id, actor_label, action, object_type, object_id, before, after, reason, prev_hash, hash)
      values (${seq}, ${at.toISOString()}, ${row.actorId}, ${row.actorLabel}, ${row.action}, ${row.objectType}, ${row.objectId},
              ${jsonParam(row.before)}::jsonb, ${jsonParam(row.after)}::jsonb, ${row.reason}, ${prevHash}, ${hash})
    )
    update audit_head set seq = ${seq}, hash = ${hash}, key_id = ${keyring.keyId}, mac = ${mac} where id = 'head'`);
  return seq;
}

function jsonParam(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}

