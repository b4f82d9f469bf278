import { boolean, date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LicenceCheck } from '@stagegate/core/open-source/licence-check';
import { tasks } from './tasks.ts';

/** Whether a program requires its tasks to release under an OSI-approved licence (both seed programs do). */
export const openSourcePolicies = pgTable('open_source_policies', {
  programSlug: text('program_slug').primaryKey(),
  requiresOpenSource: boolean('requires_open_source').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A public release of a task's model: name, link, SPDX licence, date, and the licence check as recorded. */
export const openSourceReleases = pgTable(
  'open_source_releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    programSlug: text('program_slug').notNull(),
    modelName: text('model_name').notNull(),
    url: text('url').notNull(),
    licence: text('licence').notNull(),
    releasedOn: date('released_on', { mode: 'string' }).notNull(),
    licenceCheck: jsonb('licence_check').$type<LicenceCheck>().notNull(),
    /** what the release makes public, held against the task's declared openness tier */
    weightsReleased: boolean('weights_released').notNull().default(true),
    codeReleased: boolean('code_released').notNull().default(false),
    dataReleased: boolean('data_released').notNull().default(false),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('open_source_releases_program_idx').on(t.programSlug)],
);
