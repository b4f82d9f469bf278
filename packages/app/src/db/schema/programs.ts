import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ProgramDefinition } from '@stagegate/core/program/definition';

/**
 * A program is data: its whole definition is validated by core's zod schema and kept as one
 * document, with `revision` bumped on every edit (optimistic concurrency for the editor) and
 * `seedVersion` remembering which seed version it came from (so a re-seed is a no-op).
 */
export const programs = pgTable('programs', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  seedVersion: integer('seed_version').notNull(),
  revision: integer('revision').notNull().default(1),
  definition: jsonb('definition').$type<ProgramDefinition>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Instance-wide values every app process must agree on (e.g. the session-signing secret). */
export const instanceSettings = pgTable('instance_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
