import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { ScoreSheet } from '@stagegate/core/selection/score-sheet';
import type { RunStatus } from '@stagegate/core/selection/assignment-run-state';
import type { SelectionOutcome } from '@stagegate/core/selection/selection-limits';
import type { ConflictSeverity } from '@stagegate/core/review/conflicts';
import type { ShortlistRule } from '@stagegate/core/selection/selection-rounds';
import type { AggregationSetting } from '@stagegate/core/selection/ranking-scheme';
import { user } from './auth.ts';
import { applications } from './applications.ts';
import { tasks } from './tasks.ts';

/** A call's aggregation as stored: core's setting, one definition for the rule and the column. */
export type AggregationConfig = AggregationSetting;

/** How a call is reviewed: blind or not, conflict look-back, aggregation, and publication of results. */
export const reviewCallConfig = pgTable(
  'review_call_config',
  {
    programSlug: text('program_slug').notNull(),
    callKey: text('call_key').notNull(),
    blind: boolean('blind').notNull().default(false),
    /** a past affiliation ended this many years ago or less is a conflict */
    conflictYears: integer('conflict_years').notNull().default(3),
    aggregation: jsonb('aggregation').$type<AggregationConfig>().notNull().default({ method: 'trimmed', trimMinReviewers: 5, zScore: false }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: text('published_by'),
    /** "no one selected" recorded as the call's outcome (allowed by an additional call's terms) */
    noSelectionReason: text('no_selection_reason'),
    noSelectionAt: timestamp('no_selection_at', { withTimezone: true }),
    noSelectionBy: text('no_selection_by'),
    revision: integer('revision').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.programSlug, t.callKey] })],
);

/** A review round of a call (documents, then presentations), with its weight in the combination. */
export const reviewRounds = pgTable(
  'review_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    callKey: text('call_key').notNull(),
    key: text('key').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    position: integer('position').notNull(),
    weight: doublePrecision('weight').notNull().default(1),
    reviewsPerProposal: integer('reviews_per_proposal').notNull().default(3),
    /** when the round's reviews are due (stated in the invitation); none until the office sets it */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** set once when the office closes the round and applies its shortlist; the next round opens with those who passed */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    /** the shortlist rule as it was applied (the program's data may change later) */
    closedRule: jsonb('closed_rule').$type<ShortlistRule>(),
    closeReason: text('close_reason'),
  },
  (t) => [uniqueIndex('review_rounds_call_key_idx').on(t.programSlug, t.callKey, t.key)],
);

/** Who passed a closed round and who left it, with their rank and score in the round and whether they were tied at the cut. */
export const roundResults = pgTable(
  'review_round_results',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    outcome: text('outcome').$type<'passed' | 'left'>().notNull(),
    rank: integer('rank').notNull(),
    score: doublePrecision('score').notNull(),
    tied: boolean('tied').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.applicationId] })],
);

export interface Affiliation {
  organisationName: string;
  registrationNo?: string;
  fromYear: number;
  /** null while current */
  toYear: number | null;
}

/** A reviewer of a call's pool: invited by e-mail, accepting or declining, with expertise and load limits. */
export const reviewerPool = pgTable(
  'reviewer_pool',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    callKey: text('call_key').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    status: text('status').$type<'invited' | 'accepted' | 'declined'>().notNull().default('invited'),
    /** SHA-256 of the invitation link's token; the link itself is in the outbox message */
    tokenHash: text('token_hash').notNull(),
    userId: text('user_id').references(() => user.id),
    domains: jsonb('domains').$type<string[]>().notNull().default([]),
    keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
    profile: text('profile').notNull().default(''),
    affiliations: jsonb('affiliations').$type<Affiliation[]>().notNull().default([]),
    maxLoad: integer('max_load').notNull().default(5),
    minLoad: integer('min_load').notNull().default(0),
    /** the order reviewers joined the pool; exports code them R01, R02, … in this order */
    seq: integer('seq').notNull(),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('reviewer_pool_call_email_idx').on(t.programSlug, t.callKey, t.email),
    uniqueIndex('reviewer_pool_token_idx').on(t.tokenHash),
    index('reviewer_pool_user_idx').on(t.userId),
  ],
);

/** Which pool reviewers sit on which round's panel. */
export const roundPanel = pgTable(
  'review_round_panel',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => reviewerPool.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.reviewerId] })],
);

/** A conflict of interest between a reviewer and an application: detected or declared, and perhaps waived. */
export const reviewConflicts = pgTable(
  'review_conflicts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    callKey: text('call_key').notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => reviewerPool.id, { onDelete: 'cascade' }),
    source: text('source').$type<'detected' | 'declared'>().notNull(),
    kind: text('kind').notNull(),
    severity: text('severity').$type<ConflictSeverity>().notNull().default('high'),
    detail: jsonb('detail').$type<LocalizedText>().notNull(),
    /** a detected conflict no longer found by the rules (e.g. the affiliation was corrected) */
    stale: boolean('stale').notNull().default(false),
    /** set when the reviewer changed their own affiliations after it was found: the rules no longer clear it */
    heldSince: timestamp('held_since', { withTimezone: true }),
    waivedAt: timestamp('waived_at', { withTimezone: true }),
    waivedBy: text('waived_by'),
    waiverReason: text('waiver_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('review_conflicts_pair_kind_idx').on(t.applicationId, t.reviewerId, t.kind),
    index('review_conflicts_call_idx').on(t.programSlug, t.callKey),
  ],
);

export interface RunResult {
  objective?: number;
  assignments?: [string, string][];
  reasons?: { kind: string; message: LocalizedText }[];
  diff?: { added: [string, string][]; removed: [string, string][]; kept: [string, string][] };
  /** the current assignment the run was computed against; deploying is refused once it has changed */
  basis?: string;
}

/** One assignment computation (solver or manual edit) for a round, as a state machine. */
export const assignmentRuns = pgTable(
  'review_assignment_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'solver' | 'manual'>().notNull(),
    status: text('status').$type<RunStatus>().notNull(),
    options: jsonb('options').$type<{ balance?: boolean }>().notNull().default({}),
    result: jsonb('result').$type<RunResult>().notNull().default({}),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    deployedAt: timestamp('deployed_at', { withTimezone: true }),
  },
  (t) => [index('review_runs_round_idx').on(t.roundId)],
);

/** The round's current assignment: who reviews which application. */
export const reviewAssignments = pgTable(
  'review_assignments',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => reviewerPool.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => assignmentRuns.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.applicationId, t.reviewerId] }), index('review_assignments_reviewer_idx').on(t.reviewerId)],
);

/** A reviewer's score sheet for one application in one round: a draft until submitted. */
export const reviewSheets = pgTable(
  'review_sheets',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => reviewerPool.id, { onDelete: 'cascade' }),
    status: text('status').$type<'draft' | 'submitted'>().notNull().default('draft'),
    scores: jsonb('scores').$type<ScoreSheet>().notNull().default({}),
    total: doublePrecision('total'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** set when a conflict found after assignment withdrew the pair: kept, flagged, not counted */
    setAsideAt: timestamp('set_aside_at', { withTimezone: true }),
    setAsideReason: jsonb('set_aside_reason').$type<LocalizedText>(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.applicationId, t.reviewerId] })],
);

/** An assignment withdrawn because a conflict of interest appeared after it: the office reassigns the review. */
export const reviewWithdrawals = pgTable(
  'review_withdrawals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    callKey: text('call_key').notNull(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => reviewerPool.id, { onDelete: 'cascade' }),
    detail: jsonb('detail').$type<LocalizedText>().notNull(),
    sheetSetAside: boolean('sheet_set_aside').notNull().default(false),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }).notNull().defaultNow(),
    replacementReviewerId: uuid('replacement_reviewer_id').references(() => reviewerPool.id, { onDelete: 'set null' }),
    reassignedAt: timestamp('reassigned_at', { withTimezone: true }),
    reassignedBy: text('reassigned_by'),
    reassignReason: text('reassign_reason'),
  },
  (t) => [index('review_withdrawals_call_idx').on(t.programSlug, t.callKey)],
);

/** The office's decision on an application, with its reason, and the task it became. */
export const selectionDecisions = pgTable(
  'selection_decisions',
  {
    applicationId: uuid('application_id')
      .primaryKey()
      .references(() => applications.id, { onDelete: 'cascade' }),
    programSlug: text('program_slug').notNull(),
    callKey: text('call_key').notNull(),
    outcome: text('outcome').$type<SelectionOutcome>().notNull(),
    reason: text('reason').notNull(),
    taskId: uuid('task_id').references(() => tasks.id),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('selection_decisions_call_idx').on(t.programSlug, t.callKey)],
);

/** A reviewer's acceptance of the conflict-of-interest pledge for a round (the wording's version and language kept). */
export const reviewPledges = pgTable(
  'review_pledges',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => reviewerPool.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    locale: text('locale').$type<'ko' | 'en'>().notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.reviewerId] })],
);
