import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { SuiteComparison } from '@stagegate/core/evaluation/compare-suite';
import type { ProvenanceReport, ProvenanceVerdict } from '@stagegate/core/provenance/report';
import { user } from './auth.ts';
import { tasks } from './tasks.ts';
// per-item scores are stored as little-endian float64 arrays
import { bytea } from './bytea.ts';

/** A benchmark a program measures (K-AI: NIA, 13 common global ones, team-specific ones). */
export const benchmarks = pgTable(
  'benchmarks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    /** the task name results files use (lm-evaluation-harness task, CSV `benchmark` column) */
    name: text('name').notNull(),
    label: jsonb('label').$type<LocalizedText>().notNull(),
    /** `nia`, `common`, `team-specific`: suites weigh categories, not single benchmarks */
    category: text('category').notNull(),
    metric: text('metric').notNull(),
    /** the harness filter of the metric (`strict-match`); null when it has one, or the catalog's applies */
    metricFilter: text('metric_filter'),
    higherIsBetter: boolean('higher_is_better').notNull().default(true),
    /** expected score of guessing (multiple choice); 0 otherwise */
    chance: doublePrecision('chance').notNull().default(0),
    itemCount: integer('item_count'),
    /** seeded demo data, not an official definition */
    demo: boolean('demo').notNull().default(false),
  },
  (t) => [uniqueIndex('benchmarks_program_name_idx').on(t.programSlug, t.name)],
);

/** The benchmarks of one stage evaluation of a program, with the date the references are counted on. */
export const benchmarkSuites = pgTable(
  'benchmark_suites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    /** the stage evaluation this suite belongs to, e.g. `stage-1` */
    key: text('key').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    /** YYYY-MM-DD: references released within the window before this date count */
    evaluationDate: text('evaluation_date').notNull(),
    benchmarkNames: jsonb('benchmark_names').$type<string[]>().notNull(),
    /** weight per benchmark category (K-AI: nia 10, common 20, team-specific 10) */
    categoryWeights: jsonb('category_weights').$type<Record<string, number>>().notNull(),
    demo: boolean('demo').notNull().default(false),
  },
  (t) => [uniqueIndex('benchmark_suites_program_key_idx').on(t.programSlug, t.key)],
);

/** A published model candidates are held against (frontier references and declared target models). */
export const referenceModels = pgTable('reference_models', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  vendor: text('vendor').notNull(),
  /** YYYY-MM-DD */
  releaseDate: text('release_date').notNull(),
  demo: boolean('demo').notNull().default(false),
});

export const referenceScores = pgTable(
  'reference_scores',
  {
    referenceModelId: uuid('reference_model_id')
      .notNull()
      .references(() => referenceModels.id, { onDelete: 'cascade' }),
    benchmarkName: text('benchmark_name').notNull(),
    score: doublePrecision('score').notNull(),
    stderr: doublePrecision('stderr'),
    /** model card, paper, our own run id — or "demo figures, not official" */
    source: text('source').notNull(),
  },
  (t) => [primaryKey({ columns: [t.referenceModelId, t.benchmarkName] })],
);

export interface StoredBenchmarkScore {
  benchmark: string;
  metric: string;
  filter: string;
  value: number;
  stderr: number | null;
  samples?: { original: number; effective: number };
  version?: string | number;
  hash?: string;
}

/** One imported (or self-run) set of results of a task's model for a suite. */
export const evaluationRuns = pgTable(
  'evaluation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    suiteId: uuid('suite_id')
      .notNull()
      .references(() => benchmarkSuites.id),
    source: text('source').$type<'lm-eval-harness' | 'csv' | 'runner'>().notNull(),
    fileName: text('file_name').notNull(),
    /** sha256 of the results file, so the same file twice is recognised */
    fileSha256: text('file_sha256').notNull(),
    modelName: text('model_name'),
    scores: jsonb('scores').$type<StoredBenchmarkScore[]>().notNull(),
    /** results tasks not in the suite, ignored */
    ignoredTasks: jsonb('ignored_tasks')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    importedBy: text('imported_by').references(() => user.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluation_runs_task_idx').on(t.taskId, t.suiteId)],
);

/** Per-item scores of one benchmark of a run, compact: doc keys and float64 values in the same order. */
export const evaluationRunItems = pgTable(
  'evaluation_run_items',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => evaluationRuns.id, { onDelete: 'cascade' }),
    benchmarkName: text('benchmark_name').notNull(),
    docKeys: jsonb('doc_keys').$type<string[]>().notNull(),
    values: bytea('values').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.benchmarkName] })],
);

export interface CountedReference {
  name: string;
  vendor: string;
  releaseDate: string;
  demo: boolean;
}

export interface ComparisonDetail {
  suite: SuiteComparison;
  /** per benchmark: which model the reference score came from, and its source */
  referenceOf: Record<string, { model: string; source: string; role: 'frontier' | 'target' }>;
  /** the task's declared target model's score per benchmark, when it has one */
  targetScores: Record<string, number>;
  counted: CountedReference[];
  excluded: (CountedReference & { why: 'too-old' | 'after-date' })[];
  windowFrom: string;
  missing: string[];
  notes: LocalizedText[];
}

/** compareSuite of a run against the frontier on the suite's date, stored with its seed. */
export const evaluationComparisons = pgTable(
  'evaluation_comparisons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => evaluationRuns.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    suiteId: uuid('suite_id')
      .notNull()
      .references(() => benchmarkSuites.id),
    evaluationDate: text('evaluation_date').notNull(),
    windowMonths: integer('window_months').notNull(),
    target: doublePrecision('target').notNull(),
    seed: integer('seed').notNull(),
    resamples: integer('resamples').notNull(),
    verdict: text('verdict').$type<'pass' | 'fail' | 'inconclusive'>().notNull(),
    detail: jsonb('detail').$type<ComparisonDetail>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluation_comparisons_task_idx').on(t.taskId, t.suiteId)],
);

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** Durable work any app process may pick up (`FOR UPDATE SKIP LOCKED`). */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<JobStatus>().notNull().default('queued'),
    progress: jsonb('progress').$type<Record<string, unknown>>(),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    lockedBy: text('locked_by'),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    createdBy: text('created_by').references(() => user.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** a deferred job waits until then before any worker takes it again */
    notBefore: timestamp('not_before', { withTimezone: true }),
    /** the worker that could not see the job's input: it takes the job again only after others had their chance */
    avoidWorker: text('avoid_worker'),
  },
  (t) => [index('jobs_status_idx').on(t.status, t.createdAt)],
);

/** A checkpoint comparison: its job, then its report. */
export const provenanceComparisons = pgTable('provenance_comparisons', {
  id: uuid('id').primaryKey().defaultRandom(),
  jobId: uuid('job_id')
    .notNull()
    .references(() => jobs.id),
  /** paths relative to the checkpoints root */
  candidatePath: text('candidate_path').notNull(),
  referencePaths: jsonb('reference_paths').$type<string[]>().notNull(),
  label: text('label'),
  report: jsonb('report').$type<ProvenanceReport>(),
  verdict: text('verdict').$type<ProvenanceVerdict>(),
  createdBy: text('created_by').references(() => user.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A report attached to a task's stage evaluation as evidence for one gate (e.g. originality). */
export const gateEvidence = pgTable(
  'gate_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    stageKey: text('stage_key').notNull(),
    gateKey: text('gate_key').notNull(),
    provenanceComparisonId: uuid('provenance_comparison_id')
      .notNull()
      .references(() => provenanceComparisons.id),
    note: text('note'),
    attachedBy: text('attached_by').references(() => user.id),
    attachedAt: timestamp('attached_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('gate_evidence_unique_idx').on(t.taskId, t.stageKey, t.gateKey, t.provenanceComparisonId)],
);
