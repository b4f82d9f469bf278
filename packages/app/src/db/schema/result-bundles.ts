import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ResultKind } from '@stagegate/core/results-bundle/manifest';

/**
 * A published result bundle: the manifest exactly as signed, its signature, and the bundle's files
 * (JSON and CSV text). Rows are only inserted; a correction is a new row naming the one it replaces.
 */
export const resultBundles = pgTable(
  'result_bundles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    kind: text('kind').$type<ResultKind>().notNull(),
    /** the stage evaluation id, `program/call` of a selection, or the final evaluation id */
    subjectId: text('subject_id').notNull(),
    /** 1 for the first publication of a subject, then 2, 3 … for corrections */
    edition: integer('edition').notNull(),
    computationVersion: integer('computation_version').notNull(),
    manifest: text('manifest').notNull(),
    manifestSha256: text('manifest_sha256').notNull(),
    signature: text('signature').notNull(),
    keyId: text('key_id').notNull(),
    files: jsonb('files').$type<Record<string, string>>().notNull(),
    auditSeq: bigint('audit_seq', { mode: 'number' }).notNull(),
    replacesId: uuid('replaces_id'),
    replaceReason: text('replace_reason'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: text('published_by'),
  },
  (t) => [uniqueIndex('result_bundles_subject_edition_idx').on(t.kind, t.subjectId, t.edition), index('result_bundles_program_idx').on(t.programSlug)],
);
