import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import { user } from './auth.ts';

export type TaskStatus = 'active' | 'blocked' | 'eliminated' | 'completed';

/**
 * A funded project within a program (과제; K-AI's selected teams are tasks too). Created by a
 * selection (from an application) or registered by the office; allocations, Slurm accounts,
 * usage and stage evaluations all hang off it.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    /** short stable key, also the base of its Slurm account name (e.g. `sfm-01`) */
    key: text('key').notNull().unique(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    /** the application it was selected from, when it came through a call */
    applicationId: uuid('application_id'),
    leadOrganisationName: jsonb('lead_organisation_name').$type<LocalizedText>(),
    status: text('status').$type<TaskStatus>().notNull().default('active'),
    /** the team's declared target model for team-specific benchmarks (K-AI) */
    targetModel: text('target_model'),
    /** the openness tier and budget (won) the task declared, when the office registered it without an application */
    opennessTier: text('openness_tier'),
    budgetWon: bigint('budget_won', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tasks_program_idx').on(t.programSlug)],
);

/** People of a task who may run jobs: their account (if any) and their cluster user name. */
export const taskMembers = pgTable(
  'task_members',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    clusterUsername: text('cluster_username').notNull(),
    userId: text('user_id').references(() => user.id),
    role: text('role').notNull().default('member'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.clusterUsername] })],
);
