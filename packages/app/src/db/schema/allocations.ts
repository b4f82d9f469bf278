import { bigint, bigserial, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Allocation } from '@stagegate/core/allocation/allocation';
import type { ChangeRequest } from '@stagegate/core/allocation/change-request';
import type { UnderUsePolicy } from '@stagegate/core/usage/under-use-policy';
import { tasks } from './tasks.ts';
import { user } from './auth.ts';

/**
 * A task's GPUs from one pool during part of one phase (see core/allocation). Dates are Seoul
 * calendar days, both included. Budgets are GPU-minutes (integers), never hours.
 */
export const allocations = pgTable(
  'allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    poolKey: text('pool_key').notNull(),
    phaseKey: text('phase_key').notNull(),
    gpus: integer('gpus').notNull(),
    gpuMinutes: bigint('gpu_minutes', { mode: 'number' }),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('allocations_program_idx').on(t.programSlug), index('allocations_task_idx').on(t.taskId)],
);

export type ChangeRequestStatus = 'pending' | 'approved' | 'rejected';
export type ChangeRequestOrigin = 'manual' | 'under-use-policy';

/** A request to change allocations; applied only when the operator approves it. */
export const allocationChangeRequests = pgTable(
  'allocation_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    /** the task the request is about (the receiver of a transfer) */
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    kind: text('kind').$type<ChangeRequest['kind']>().notNull(),
    request: jsonb('request').$type<ChangeRequest>().notNull(),
    status: text('status').$type<ChangeRequestStatus>().notNull().default('pending'),
    origin: text('origin').$type<ChangeRequestOrigin>().notNull().default('manual'),
    reason: text('reason').notNull(),
    /** a policy's own words, when the request came from one */
    explanation: jsonb('explanation').$type<LocalizedText>(),
    requestedBy: text('requested_by').references(() => user.id),
    requestedByLabel: text('requested_by_label').notNull(),
    decidedBy: text('decided_by').references(() => user.id),
    decidedByLabel: text('decided_by_label'),
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('allocation_change_requests_program_idx').on(t.programSlug, t.status)],
);

/**
 * Append-only: one row per allocation created, changed or removed, whatever the path (editor,
 * approved request). Nothing in the code updates or deletes a row here.
 */
export const allocationLedger = pgTable(
  'allocation_ledger',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    programSlug: text('program_slug').notNull(),
    allocationId: uuid('allocation_id').notNull(),
    taskId: uuid('task_id').notNull(),
    kind: text('kind').$type<'created' | 'changed' | 'removed'>().notNull(),
    before: jsonb('before').$type<Allocation | null>(),
    after: jsonb('after').$type<Allocation | null>(),
    changeRequestId: uuid('change_request_id'),
    actorLabel: text('actor_label').notNull(),
    reason: text('reason'),
  },
  (t) => [index('allocation_ledger_program_idx').on(t.programSlug, t.seq)],
);

/**
 * GPU use per Slurm account, cluster user and Seoul day, from sacct imports. `taskId` is the task
 * whose Slurm account it is (null for accounts Stagegate does not manage).
 */
export const usageDaily = pgTable(
  'usage_daily',
  {
    account: text('account').notNull(),
    clusterUsername: text('cluster_username').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    taskId: uuid('task_id').references(() => tasks.id),
    gpuSeconds: bigint('gpu_seconds', { mode: 'number' }).notNull(),
    jobs: integer('jobs').notNull(),
    importId: uuid('import_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.account, t.clusterUsername, t.day] }), index('usage_daily_task_idx').on(t.taskId, t.day)],
);

/** One sacct import: which Seoul days it replaced and what it read. */
export const usageImports = pgTable('usage_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  source: text('source').notNull(),
  firstDay: date('first_day', { mode: 'string' }),
  lastDay: date('last_day', { mode: 'string' }),
  jobsRead: integer('jobs_read').notNull(),
  rowsWritten: integer('rows_written').notNull(),
  unmappedAccounts: jsonb('unmapped_accounts').$type<string[]>().notNull(),
  actorLabel: text('actor_label').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A program's under-use rule (core/usage/under-use-policy); the default applies when absent. */
export const underUsePolicies = pgTable('under_use_policies', {
  programSlug: text('program_slug').primaryKey(),
  policy: jsonb('policy').$type<UnderUsePolicy>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A task warned of under-use in a phase, at a level: once per task, phase and level (migration 0021). */
export const underUseFlags = pgTable(
  'under_use_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    phaseKey: text('phase_key').notNull(),
    level: text('level').$type<'warn'>().notNull(),
    utilisation: doublePrecision('utilisation').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('under_use_flags_once_idx').on(t.taskId, t.phaseKey, t.level)],
);
