import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only audit log. `seq` is contiguous and each row's `hash` covers the previous row's hash,
 * so editing or deleting a row breaks the chain; `audit_head` holds the last seq/hash so that
 * deleting the newest rows is caught too. Rows from `keyed_from` on are HMACs under a key kept
 * outside the database (see audit/audit-key.ts); earlier rows are the plain SHA-256 chain written
 * before keying, anchored by the first keyed row. The head is signed with the same key (`mac`).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_object_idx').on(t.objectType, t.objectId)],
);

export const auditHead = pgTable('audit_head', {
  id: text('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  keyedFrom: bigint('keyed_from', { mode: 'number' }).notNull().default(1),
  /** fingerprint of the key that signed the head: a process holding another key refuses to start */
  keyId: text('key_id'),
  mac: text('mac'),
});
