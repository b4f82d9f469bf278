import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { StageEvaluationScheme } from '@stagegate/core/program/definition';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { ScoringRules } from '@stagegate/core/stage-evaluation/scoring-rules';
import { tasks } from './tasks.ts';

/** `reopened`: an upheld appeal reopened the decision in force; inputs are open again until the correction is confirmed */
export type StageEvaluationStatus = 'open' | 'decided' | 'published' | 'reopened';

/**
 * One stage evaluation of one program stage (e.g. K-AI stage 1, January 2026). Opening it freezes
 * the program's scheme as version 1 (see stageEvaluationSchemeVersions); `revision` is bumped by
 * every change so an operator confirming a decision confirms what they saw.
 */
export const stageEvaluations = pgTable(
  'stage_evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    /** the program phase this evaluation closes (e.g. `stage-1`) */
    stageKey: text('stage_key').notNull(),
    /** the phase continuing tasks move into (e.g. `stage-2`, `phase-2`) */
    nextPhaseKey: text('next_phase_key'),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    /** the evaluation period as announced, calendar dates in Korea */
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    status: text('status').$type<StageEvaluationStatus>().notNull().default('open'),
    currentSchemeVersion: integer('current_scheme_version').notNull().default(1),
    revision: integer('revision').notNull().default(1),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** while reopened: the upheld appeal the correction answers (foreign key in the migration) */
    reopenedForAppeal: uuid('reopened_for_appeal'),
    createdBy: text('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('stage_evaluations_stage_idx').on(t.programSlug, t.stageKey)],
);

/** The scheme and its scoring rules as they stood from `effectiveFrom`; v2+ carry a published reason. */
export const stageEvaluationSchemeVersions = pgTable(
  'stage_evaluation_scheme_versions',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => stageEvaluations.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    scheme: jsonb('scheme').$type<StageEvaluationScheme>().notNull(),
    rules: jsonb('rules').$type<ScoringRules>().notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    reason: jsonb('reason').$type<LocalizedText>(),
    changes: jsonb('changes').$type<string[]>().notNull().default([]),
    createdBy: text('created_by'),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.version] })],
);

/** The tasks taking part, fixed when the evaluation opens (a task selected later is not in it). */
export const stageEvaluationTeams = pgTable(
  'stage_evaluation_teams',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => stageEvaluations.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    /** the task's status when the evaluation opened, restored nowhere but shown in the record */
    statusAtOpening: text('status_at_opening').notNull(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.taskId] })],
);

export type MeasurementSource = 'manual' | 'import' | 'evaluation-store' | 'review' | 'arena' | 'likert';

/**
 * One measured value per team and leaf component: a benchmark ratio, a panel mean supplied from
 * elsewhere, a user-evaluation score (arena rating, Likert mean, or points on a configured scale).
 * Any source writes the same row, so arena votes or a final evaluation plug in without new tables;
 * earlier values live in the audit log.
 */
export const stageEvaluationMeasurements = pgTable(
  'stage_evaluation_measurements',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => stageEvaluations.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    componentKey: text('component_key').notNull(),
    value: doublePrecision('value').notNull(),
    source: text('source').$type<MeasurementSource>().notNull(),
    /** where it came from: a run id, a file name, a review id */
    sourceRef: text('source_ref'),
    note: text('note'),
    enteredBy: text('entered_by'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.taskId, t.componentKey] })],
);

/** Each panel member's score for a team on an expertPanel component; the component uses the trimmed mean. */
export const stageEvaluationExpertScores = pgTable(
  'stage_evaluation_expert_scores',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => stageEvaluations.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    componentKey: text('component_key').notNull(),
    /** the panel member as published (e.g. "위원 3"); panel identities are not public */
    expert: text('expert').notNull(),
    score: doublePrecision('score').notNull(),
    enteredBy: text('entered_by'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.taskId, t.componentKey, t.expert] })],
);

/** A stage goal the team declared in its proposal, and the panel's finding on it. */
export const stageEvaluationGoals = pgTable(
  'stage_evaluation_goals',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => stageEvaluations.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    componentKey: text('component_key').notNull(),
    position: integer('position').notNull(),
    goal: text('goal').notNull(),
    /** null while not yet checked */
    met: boolean('met'),
    evidence: text('evidence'),
    checkedBy: text('checked_by'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.taskId, t.componentKey, t.position] })],
);

export interface GateDeclaration {
  /** the items the gate asks about (originality: architecture, data, weightInit), each declared in-house or not */
  items: Record<string, boolean>;
  statement: string;
}
export interface EvidenceLink {
  label: string;
  url: string;
}

/** A team's declaration for a gate with its evidence, and the panel's pass/fail ruling with reasons. */
export const stageEvaluationGates = pgTable(
  'stage_evaluation_gates',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => stageEvaluations.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    gateKey: text('gate_key').notNull(),
    declaration: jsonb('declaration').$type<GateDeclaration>(),
    evidence: jsonb('evidence').$type<EvidenceLink[]>().notNull().default([]),
    declaredBy: text('declared_by'),
    declaredAt: timestamp('declared_at', { withTimezone: true }),
    passed: boolean('passed'),
    rulingReason: jsonb('ruling_reason').$type<LocalizedText>(),
    ruledBy: text('ruled_by'),
    ruledAt: timestamp('ruled_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.taskId, t.gateKey] })],
);

export interface DecisionOutcomeRecord {
  taskId: string;
  taskKey: string;
  outcome: 'continue' | 'eliminate';
  proposed: 'continue' | 'eliminate';
  reasons: LocalizedText[];
  basis?: string;
  rank: number;
  total: number;
}

export interface EnforcementRecord {
  taskId: string;
  taskKey: string;
  action: 'eliminate' | 'continue';
  statusBefore: string;
  statusAfter: string;
  allocationsEnded: { allocationId: string; poolKey: string; gpus: number; endedOn: string }[];
  allocationsStarted: { allocationId: string; poolKey: string; gpus: number; startsOn: string }[];
  /** GPUs handed on to a remaining team from the eliminated teams (absent on decisions before redistribution) */
  gpusReceived?: { poolKey: string; gpus: number; from: string }[];
}

/**
 * The confirmed decision: what the system proposed, what the operator decided (with the written
 * reason when they depart from it), the scored results it rests on, and what was enforced.
 */
export const stageEvaluationDecisions = pgTable('stage_evaluation_decisions', {
  evaluationId: uuid('evaluation_id')
    .primaryKey()
    .references(() => stageEvaluations.id, { onDelete: 'cascade' }),
  decidedOn: date('decided_on', { mode: 'string' }).notNull(),
  schemeVersion: integer('scheme_version').notNull(),
  proposal: jsonb('proposal').notNull(),
  results: jsonb('results').notNull(),
  outcomes: jsonb('outcomes').$type<DecisionOutcomeRecord[]>().notNull(),
  departureReason: text('departure_reason'),
  enforcement: jsonb('enforcement').$type<EnforcementRecord[]>().notNull(),
  /** the Slurm changes the decision implies, as readable lines (ko) */
  slurmPlan: jsonb('slurm_plan').$type<string[]>().notNull().default([]),
  /** set at publication: the appeal window starts when the results are published */
  appealClosesAt: timestamp('appeal_closes_at', { withTimezone: true }),
  /** why a decision takes effect on a day already past (required then) */
  retroactiveReason: text('retroactive_reason'),
  confirmedBy: text('confirmed_by'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
  /** 1 for the first decision; each correction after an upheld appeal adds one */
  version: integer('version').notNull().default(1),
  /** on a corrected decision: the appeal, its reason, the version replaced and what changed */
  correction: jsonb('correction').$type<DecisionCorrection>(),
});

export interface DecisionCorrection {
  appealId: string;
  team: string;
  reason: string;
  replacesVersion: number;
  effectiveFrom: string;
  changes: { taskKey: string; before: 'continue' | 'eliminate'; after: 'continue' | 'eliminate' }[];
  restored: { taskKey: string; poolKey: string; phaseKey: string; gpus: number; start: string; end: string }[];
  takenBack: { taskKey: string; poolKey: string; gpus: number; from: string }[];
  /** allocations of teams the correction newly eliminated, ended from the effective date (absent in corrections before this was possible) */
  ended?: { taskKey: string; poolKey: string; phaseKey: string; gpus: number; from: string }[];
  /** GPUs remaining teams received beyond their earlier share */
  given?: { taskKey: string; poolKey: string; gpus: number; from: string }[];
  /** a newly eliminated team's own appeal window, opened by the correction */
  appealWindows?: { taskKey: string; lastDay: string; closesAt: string }[];
}

/** Every decision version a correction replaced, as it stood: never overwritten. */
export const stageEvaluationDecisionVersions = pgTable(
  'stage_evaluation_decision_versions',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => stageEvaluations.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    decision: jsonb('decision').$type<Record<string, unknown>>().notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.version] })],
);

export type AppealStatus = 'open' | 'upheld' | 'rejected';

export const stageEvaluationAppeals = pgTable(
  'stage_evaluation_appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => stageEvaluations.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    grounds: text('grounds').notNull(),
    filedBy: text('filed_by').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status').$type<AppealStatus>().notNull().default('open'),
    resolution: text('resolution'),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('stage_evaluation_appeals_eval_idx').on(t.evaluationId)],
);

/**
 * A panel member with an account, seated by the office on one evaluation under the label their
 * scores carry (e.g. "위원 3"). Only a seated account may enter expert scores itself, and only
 * under its own label; programs whose experts have no accounts leave this empty.
 */
export const stageEvaluationExperts = pgTable(
  'stage_evaluation_experts',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => stageEvaluations.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    label: text('label').notNull(),
    seatedBy: text('seated_by'),
    seatedAt: timestamp('seated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.userId] }), uniqueIndex('stage_evaluation_experts_label_idx').on(t.evaluationId, t.label)],
);
