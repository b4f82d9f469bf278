import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.ts';
import { auditHeadMac, auditRowHash, type AuditFields } from './audit-hash.ts';
import { auditKeyringOf } from './audit-key.ts';
import type { Actor } from '../auth/actor.ts';
import { namedTemplate } from '../db/named-statement.ts';
import { insertFromJson } from '../db/insert-from-json.ts';
import { auditLog } from '../db/schema/index.ts';

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

/** Rows appended together and the new signed head, as the values of `auditInsertRowsSql` and `auditUpdateHeadSql`. */
export interface AuditChainValues extends Record<string, unknown> {
  auditRows: string;
  auditSeq: number;
  auditHash: string;
  auditKeyId: string;
  auditMac: string;
}

const chainColumns = ['seq', 'at', 'actorId', 'actorLabel', 'action', 'objectType', 'objectId', 'before', 'after', 'reason', 'prevHash', 'hash'] as const;

const v = (name: keyof AuditChainValues & string) => sql.placeholder(name);

/**
 * The rows of `nextAuditChain` (from one JSON parameter) and the new signed head: both can stand as
 * CTEs beside a caller's own writes in one statement built once.
 */
export const auditInsertRowsSql = insertFromJson(auditLog, chainColumns, 'auditRows');
export const auditUpdateHeadSql = sql`update audit_head set seq = ${v('auditSeq')}, hash = ${v('auditHash')}, key_id = ${v('auditKeyId')}, mac = ${v('auditMac')} where id = 'head'`;

/**
 * The next rows of the chain after a locked head, each linked to the one before, and the new head's
 * signature: one change's row, or those of several changes committed together (the submissions of a
 * deadline surge that share one transaction). The HMACs are computed here, so the key never travels
 * to the database.
 */
export function nextAuditChain(tx: Tx | Db, head: LockedAuditHead, appends: { actor: Actor | null; entry: AuditEntry }[]): AuditChainValues {
  if (!appends.length) throw new Error('nextAuditChain needs at least one row');
  const keyring = auditKeyringOf(tx);
  const rows: Record<string, unknown>[] = [];
  let prevHash = head.hash;
  let seq = head.seq;
  for (const { actor, entry } of appends) {
    seq += 1;
    const row = auditFieldsOf(seq, head.at, actor, entry);
    const hash = auditRowHash(prevHash, row, seq >= head.keyedFrom ? keyring.key : undefined);
    rows.push({
      seq,
      at: row.at.toISOString(),
      actor_id: row.actorId,
      actor_label: row.actorLabel,
      action: row.action,
      object_type: row.objectType,
      object_id: row.objectId,
      before: row.before,
      after: row.after,
      reason: row.reason,
      prev_hash: prevHash,
      hash,
    });
    prevHash = hash;
  }
  return {
    auditRows: JSON.stringify(rows),
    auditSeq: seq,
    auditHash: prevHash,
    auditKeyId: keyring.keyId,
    auditMac: auditHeadMac(keyring.key, 'head', { seq, hash: prevHash, keyedFrom: head.keyedFrom }),
  };
}

function auditFieldsOf(seq: number, at: Date, actor: Actor | null, entry: AuditEntry): AuditFields {
  return {
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
}

const appendRow = namedTemplate<never, AuditChainValues>(() => sql`with appended as (${auditInsertRowsSql}) ${auditUpdateHeadSql}`);

/**
 * Appends one row inside the caller's transaction, so the audit row commits with the change.
 * Two statements: the head row is locked and read with the database's clock, then the row and the
 * new signed head are written together. Call it as the last write before commit: the head stays
 * locked until then.
 */
export async function appendAudit(tx: Tx | Db, actor: Actor | null, entry: AuditEntry): Promise<number> {
  const res = await tx.execute(lockAuditHeadSql);
  const head = lockedAuditHead((res as unknown as { rows: HeadRow[] }).rows[0]);
  const values = nextAuditChain(tx, head, [{ actor, entry }]);
  await appendRow.run(tx, values);
  return values.auditSeq;
}
