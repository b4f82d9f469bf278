import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PointsConversion } from '@stagegate/core/arena/points-conversion';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import { user } from './auth.ts';
import { tasks } from './tasks.ts';

export type ArenaKind = 'pairwise' | 'likert';
export type ArenaStatus = 'setup' | 'open' | 'closed';
export interface LikertCriterion {
  key: string;
  name: LocalizedText;
}

/**
 * The user evaluation of one stage evaluation (program + stage + userEvaluation component): a blind
 * pairwise arena or Likert forms. The teams are the program's tasks that have answers.
 */
export const arenas = pgTable(
  'arenas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    stageKey: text('stage_key').notNull(),
    /** the scheme's userEvaluation component these points go to */
    componentKey: text('component_key').notNull().default('user-evaluation'),
    kind: text('kind').$type<ArenaKind>().notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    status: text('status').$type<ArenaStatus>().notNull().default('setup'),
    /** battles are drawn from it, so the sequence of battles is reproducible */
    seed: integer('seed').notNull(),
    /** votes (or Likert forms) that count per evaluator */
    capPerEvaluator: integer('cap_per_evaluator').notNull(),
    bootstrapRounds: integer('bootstrap_rounds').notNull().default(200),
    fullPoints: doublePrecision('full_points').notNull(),
    conversion: jsonb('conversion').$type<PointsConversion>().notNull(),
    likertCriteria: jsonb('likert_criteria').$type<LikertCriterion[]>().notNull().default([]),
    revision: integer('revision').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('arenas_stage_component_idx').on(t.programSlug, t.stageKey, t.componentKey)],
);

/** The prompts, uploaded as JSONL (`{ "id", "prompt" }` per line). */
export const arenaPrompts = pgTable(
  'arena_prompts',
  {
    arenaId: uuid('arena_id')
      .notNull()
      .references(() => arenas.id, { onDelete: 'cascade' }),
    promptId: text('prompt_id').notNull(),
    position: integer('position').notNull(),
    prompt: text('prompt').notNull(),
  },
  (t) => [primaryKey({ columns: [t.arenaId, t.promptId] })],
);

/** One team's answer to one prompt: uploaded, or fetched from the team's OpenAI-compatible endpoint. */
export const arenaAnswers = pgTable(
  'arena_answers',
  {
    arenaId: uuid('arena_id')
      .notNull()
      .references(() => arenas.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    promptId: text('prompt_id').notNull(),
    answer: text('answer').notNull(),
    source: text('source').$type<'upload' | 'endpoint'>().notNull(),
    /** the endpoint model name, or the uploaded file's name */
    sourceRef: text('source_ref'),
    storedAt: timestamp('stored_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.arenaId, t.taskId, t.promptId] })],
);

/** Who may vote in an arena: only assigned evaluators. */
export const arenaEvaluators = pgTable(
  'arena_evaluators',
  {
    arenaId: uuid('arena_id')
      .notNull()
      .references(() => arenas.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.arenaId, t.userId] })],
);

export type BattleChoice = 'left' | 'right' | 'tie' | 'bothBad';

/**
 * A battle drawn for one evaluator (the n-th they asked for, from the arena's seed): which team
 * sits on which side is kept here and never sent to the evaluator. `choice` is null until voted.
 */
export const arenaBattles = pgTable(
  'arena_battles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    arenaId: uuid('arena_id')
      .notNull()
      .references(() => arenas.id, { onDelete: 'cascade' }),
    evaluatorId: text('evaluator_id')
      .notNull()
      .references(() => user.id),
    drawNumber: integer('draw_number').notNull(),
    promptId: text('prompt_id').notNull(),
    leftTaskId: uuid('left_task_id')
      .notNull()
      .references(() => tasks.id),
    rightTaskId: uuid('right_task_id')
      .notNull()
      .references(() => tasks.id),
    drawnAt: timestamp('drawn_at', { withTimezone: true }).notNull().defaultNow(),
    choice: text('choice').$type<BattleChoice>(),
    votedAt: timestamp('voted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('arena_battles_draw_idx').on(t.arenaId, t.evaluatorId, t.drawNumber), index('arena_battles_arena_idx').on(t.arenaId)],
);

/** A Likert answer (1–5) by one evaluator for one team on one criterion; a later answer replaces it. */
export const arenaLikertResponses = pgTable(
  'arena_likert_responses',
  {
    arenaId: uuid('arena_id')
      .notNull()
      .references(() => arenas.id, { onDelete: 'cascade' }),
    evaluatorId: text('evaluator_id')
      .notNull()
      .references(() => user.id),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    criterion: text('criterion').notNull(),
    score: integer('score').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.arenaId, t.evaluatorId, t.taskId, t.criterion] })],
);
