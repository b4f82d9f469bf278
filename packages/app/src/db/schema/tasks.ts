import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import { user } from './auth.ts';
import { organisations } from './organisations.ts';

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

/**
 * The office's invitation of a person without a (confirmed) account into a task: the e-mail, the
 * consortium organisation (a record of the task's consortium) and the role. When that address signs
 * up and confirms it, the person becomes a member of the organisation and of the task; the row is
 * then removed (the audit log keeps both steps), as it is when the office withdraws it.
 */
export const taskInvitations = pgTable(
  'task_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    /** lower-cased */
    email: text('email').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    role: text('role').$type<'lead' | 'member'>().notNull(),
    invitedBy: text('invited_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('task_invitations_task_email_idx').on(t.taskId, t.email), index('task_invitations_email_idx').on(t.email)],
);
