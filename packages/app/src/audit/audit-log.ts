import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.ts';
import { auditHeadMac, auditRowHash, type AuditFields } from './audit-hash.ts';
import { auditKeyringOf } from './audit-key.ts';
import type { Actor } from '../auth/actor.ts';
import { namedTemplate } from '../db/named-statement.ts';

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

/** One appended row and the new signed head, as the values of `auditInsertRowSql` and `auditUpdateHeadSql`. */
export interface AuditAppendValues extends Record<string, unknown> {
  auditSeq: number;
  auditAt: string;
  auditActorId: string | null;
  auditActorLabel: string;
  auditAction: string;
  auditObjectType: string;
  auditObjectId: string;
  auditBefore: string | null;
  auditAfter: string | null;
  auditReason: string | null;
  auditPrevHash: string;
  auditHash: string;
  auditKeyId: string;
  auditMac: string;
}

const v = (name: keyof AuditAppendValues & string) => sql.placeholder(name);

/**
 * The row and the new signed head, with placeholders for `nextAuditValues`: both can stand as CTEs
 * beside a caller's own writes in one statement built once.
 */
export const auditInsertRowSql = sql`insert into audit_log (seq, at, actor_id, actor_label, action, object_type, object_id, before, after, reason, prev_hash, hash)
  values (${v('auditSeq')}, ${v('auditAt')}, ${v('auditActorId')}, ${v('auditActorLabel')}, ${v('auditAction')}, ${v('auditObjectType')}, ${v('auditObjectId')},
          ${v('auditBefore')}::jsonb, ${v('auditAfter')}::jsonb, ${v('auditReason')}, ${v('auditPrevHash')}, ${v('auditHash')})`;
export const auditUpdateHeadSql = sql`update audit_head set seq = ${v('auditSeq')}, hash = ${v('auditHash')}, key_id = ${v('auditKeyId')}, mac = ${v('auditMac')} where id = 'head'`;

/**
 * The next row of the chain after a locked head, with the new head's signature. The HMAC is
 * computed here, so the key never travels to the database.
 */
export function nextAuditValues(tx: Tx | Db, head: LockedAuditHead, actor: Actor | null, entry: AuditEntry): AuditAppendValues {
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
  return {
    auditSeq: seq,
    auditAt: row.at.toISOString(),
    auditActorId: row.actorId,
    auditActorLabel: row.actorLabel,
    auditAction: row.action,
    auditObjectType: row.objectType,
    auditObjectId: row.objectId,
    auditBefore: jsonParam(row.before),
    auditAfter: jsonParam(row.after),
    auditReason: row.reason,
    auditPrevHash: head.hash,
    auditHash: hash,
    auditKeyId: keyring.keyId,
    auditMac: auditHeadMac(keyring.key, 'head', { seq, hash, keyedFrom: head.keyedFrom }),
  };
}

const appendRow = namedTemplate<never, AuditAppendValues>(() => sql`with appended as (${auditInsertRowSql}) ${auditUpdateHeadSql}`);

/**
 * Appends one row inside the caller's transaction, so the audit row commits with the change.
 * Two statements: the head row is locked and read with the database's clock, then the row and the
 * new signed head are written together. Call it as the last write before commit: the head stays
 * locked until then.
 */
export async function appendAudit(tx: Tx | Db, actor: Actor | null, entry: AuditEntry): Promise<number> {
  const res = await tx.execute(lockAuditHeadSql);
  const head = lockedAuditHead((res as unknown as { rows: HeadRow[] }).rows[0]);
  const values = nextAuditValues(tx, head, actor, entry);
  await appendRow.run(tx, values);
  return values.auditSeq;
}

function jsonParam(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}
