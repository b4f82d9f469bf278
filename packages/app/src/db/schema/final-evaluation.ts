import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ExcellenceRule } from '@stagegate/core/final-evaluation/excellence';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import { tasks } from './tasks.ts';
import type { FinalEvaluationStatus } from '@stagegate/core/final-evaluation/publication';

/** open → designated (the office alone sees it) → published (teams told, results bundle public); see core's publication rules */
export type { FinalEvaluationStatus } from '@stagegate/core/final-evaluation/publication';

/**
 * A final evaluation of a program's tasks (specialized-fm: September 2026) and how "excellent" is decided.
 * A program may hold several, one per cohort: each task sits in at most one (final_evaluation_tasks_task_idx).
 */
export const finalEvaluations = pgTable(
  'final_evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    excellenceRule: jsonb('excellence_rule').$type<ExcellenceRule>().notNull(),
    /** the pool extra GPUs come from, and what the office can spare in a negotiation */
    poolKey: text('pool_key').notNull(),
    /** the program phase the extra GPUs are allocated in (allocations must sit inside a phase) */
    phaseKey: text('phase_key').notNull(),
    maxExtraGpus: integer('max_extra_gpus'),
    /** additional support may start no earlier than this day */
    supportEarliestStart: date('support_earliest_start', { mode: 'string' }),
    status: text('status').$type<FinalEvaluationStatus>().notNull().default('open'),
    revision: integer('revision').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('final_evaluations_program_idx').on(t.programSlug)],
);

/** One task in the final evaluation: its report (PDF, by hash), its score and the designation. */
export const finalEvaluationTasks = pgTable(
  'final_evaluation_tasks',
  {
    finalEvaluationId: uuid('final_evaluation_id')
      .notNull()
      .references(() => finalEvaluations.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    reportFileName: text('report_file_name'),
    reportSha256: text('report_sha256'),
    reportSizeBytes: integer('report_size_bytes'),
    reportUploadedBy: text('report_uploaded_by'),
    reportUploadedAt: timestamp('report_uploaded_at', { withTimezone: true }),
    score: doublePrecision('score'),
    scoreEnteredBy: text('score_entered_by'),
    scoreEnteredAt: timestamp('score_entered_at', { withTimezone: true }),
    excellent: boolean('excellent'),
    rank: integer('rank'),
    designationReason: jsonb('designation_reason').$type<LocalizedText>(),
  },
  (t) => [primaryKey({ columns: [t.finalEvaluationId, t.taskId] }), uniqueIndex('final_evaluation_tasks_task_idx').on(t.taskId)],
);

export type GoalKind = 'performance' | 'serviceDevelopment';
export type SupportStatus = 'negotiating' | 'agreed' | 'withdrawn';

/** What the agreement asks the allocations service for (recorded whether or not it could be created). */
export interface AllocationRequest {
  taskId: string;
  poolKey: string;
  gpus: number;
  startsOn: string;
  endsOn: string;
  /** the created allocation's id, when the allocations service was there to create it */
  allocationId?: string;
  state: 'created' | 'pending';
  note?: string;
}

/** An excellent task's proposal for additional support: goals, then the negotiation thread. */
export const supportProposals = pgTable(
  'support_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    finalEvaluationId: uuid('final_evaluation_id')
      .notNull()
      .references(() => finalEvaluations.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    goalKind: text('goal_kind').$type<GoalKind>().notNull(),
    goals: text('goals').notNull(),
    status: text('status').$type<SupportStatus>().notNull().default('negotiating'),
    agreedOfferSeq: integer('agreed_offer_seq'),
    allocationRequest: jsonb('allocation_request').$type<AllocationRequest>(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('support_proposals_task_idx').on(t.finalEvaluationId, t.taskId)],
);

/** One offer in a negotiation; rows are only ever inserted (an offer never changes). */
export const supportOffers = pgTable(
  'support_offers',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => supportProposals.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    side: text('side').$type<'task' | 'operator'>().notNull(),
    gpus: integer('gpus').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    note: text('note'),
    madeBy: text('made_by').notNull(),
    madeAt: timestamp('made_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.seq] })],
);

export const supportAcceptances = pgTable(
  'support_acceptances',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => supportProposals.id, { onDelete: 'cascade' }),
    offerSeq: integer('offer_seq').notNull(),
    side: text('side').$type<'task' | 'operator'>().notNull(),
    acceptedBy: text('accepted_by').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.offerSeq, t.side] })],
);
