import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { PointsConversion } from '@stagegate/core/arena/points-conversion';
import { arenaCreateInput, type arenaSettingsInput } from '@stagegate/core/contract/arena';
import { diffDocuments, type FieldChange } from '@stagegate/core/shared/diff';
import { issue, type FieldIssue } from '@stagegate/core/shared/localized';
import type { StageComponent } from '@stagegate/core/program/definition';
import type { Db } from '../db/connect.ts';
import { arenaAnswers, arenaEvaluators, arenaPrompts, arenas, tasks, user, type ArenaStatus } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { getProgram } from '../programs/program-store.ts';
import { parseJsonLines } from './jsonl-input.ts';
import { particle } from '@stagegate/core/shared/korean-particles';

export type ArenaRow = typeof arenas.$inferSelect;

export type ArenaResult<T> =
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'conflict'; message: string }
  | { status: 'preview'; changes: FieldChange[] }
  | ({ status: 'committed' } & T);

function findComponent(components: readonly StageComponent[], componentKey: string): StageComponent | undefined {
  for (const c of components) {
    if (c.key === componentKey) return c;
    const inner = c.children && findComponent(c.children, componentKey);
    if (inner) return inner;
  }
  return undefined;
}

export const defaultConversion = (kind: 'pairwise' | 'likert'): PointsConversion =>
  kind === 'pairwise' ? { kind: 'expectedScoreVsBest' } : { kind: 'proportionalToBest' };

/** What creating an arena would write: the arena's settings and the evaluators seated with it. */
export interface ArenaCreatePreview {
  status: 'preview';
  arena: {
    program: string;
    stage: string;
    componentKey: string;
    kind: 'pairwise' | 'likert';
    name: { ko: string; en: string };
    capPerEvaluator: number;
    bootstrapRounds: number;
    fullPoints: number;
    seed: number;
  };
  evaluators: { email: string; name: string }[];
}

/** A new arena for a program stage's user-evaluation component, checked against the program's scheme. */
export async function createArena(db: Db, actor: Actor, raw: unknown): Promise<ArenaResult<{ arena: ArenaRow }> | ArenaCreatePreview> {
  const parsed = arenaCreateInput.safeParse(raw);
  if (!parsed.success)
    return { status: 'invalid', issues: parsed.error.issues.map((i) => issue(i.path.join('.') || 'body', `잘못된 값: ${i.message}`, i.message)) };
  const input = parsed.data;
  const program = await getProgram(db, input.program);
  if (!program)
    return {
      status: 'invalid',
      issues: [issue('program', `사업 "${input.program}"${particle(input.program, '이/가')} 없습니다`, `no program "${input.program}"`)],
    };
  const phase = program.definition.phases.find((p) => p.key === input.stage);
  if (!phase)
    return {
      status: 'invalid',
      issues: [issue('stage', `사업에 단계 "${input.stage}"${particle(input.stage, '이/가')} 없습니다`, `the program has no stage "${input.stage}"`)],
    };
  const component = findComponent(program.definition.stageEvaluation.components, input.componentKey);
  if (!component || component.kind !== 'userEvaluation') {
    return {
      status: 'invalid',
      issues: [
        issue(
          'componentKey',
          `단계 평가에 사용자 평가 항목 "${input.componentKey}"${particle(input.componentKey, '이/가')} 없습니다`,
          `the stage evaluation has no userEvaluation component "${input.componentKey}"`,
        ),
      ],
    };
  }
  if (input.kind === 'likert' && input.likertCriteria.length === 0) {
    return {
      status: 'invalid',
      issues: [issue('likertCriteria', '리커트 평가에는 평가 기준이 하나 이상 필요합니다', 'a Likert evaluation needs at least one criterion')],
    };
  }
  const seated = await evaluatorAccounts(db, input.evaluators, 'evaluators');
  if (seated.issues.length) return { status: 'invalid', issues: seated.issues };
  const [existing] = await db
    .select({ id: arenas.id })
    .from(arenas)
    .where(and(eq(arenas.programSlug, input.program), eq(arenas.stageKey, input.stage), eq(arenas.componentKey, input.componentKey)));
  if (existing) return { status: 'conflict', message: `an arena for ${input.program}/${input.stage}/${input.componentKey} exists already` };
  const values = {
    programSlug: input.program,
    stageKey: input.stage,
    componentKey: input.componentKey,
    kind: input.kind,
    name: input.name ?? { ko: `${phase.name.ko} ${component.name.ko}`, en: `${phase.name.en} ${component.name.en}` },
    seed: input.seed,
    capPerEvaluator: input.capPerEvaluator,
    bootstrapRounds: input.bootstrapRounds,
    fullPoints: input.fullPoints ?? component.points,
    conversion: input.conversion ?? defaultConversion(input.kind),
    likertCriteria: input.likertCriteria,
    createdBy: actor.id,
  };
  if (input.mode === 'preview') {
    const { programSlug, stageKey, componentKey, kind, name, seed, capPerEvaluator, bootstrapRounds, fullPoints } = values;
    return {
      status: 'preview',
      arena: { program: programSlug, stage: stageKey, componentKey, kind, name, seed, capPerEvaluator, bootstrapRounds, fullPoints },
      evaluators: seated.found.map(({ email, name: n }) => ({ email, name: n })),
    };
  }
  const arena = await db.transaction(async (tx) => {
    const [row] = await tx.insert(arenas).values(values).returning();
    await appendAudit(tx, actor, { action: 'arena.create', objectType: 'arena', objectId: row!.id, after: values });
    if (seated.found.length) {
      await tx.insert(arenaEvaluators).values(seated.found.map((f) => ({ arenaId: row!.id, userId: f.id })));
      await appendAudit(tx, actor, {
        action: 'arena.evaluators',
        objectType: 'arena',
        objectId: row!.id,
        before: [],
        after: seated.found.map((f) => f.id).sort(),
      });
    }
    return row!;
  });
  return { status: 'committed', arena };
}

/** The evaluator accounts behind these e-mails; an issue (under `field.i`) for each that is missing or not an evaluator. */
async function evaluatorAccounts(db: Db, emails: string[], field: string) {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  const found = wanted.length
    ? await db.select({ id: user.id, email: user.email, name: user.name, role: user.role }).from(user).where(inArray(user.email, wanted))
    : [];
  const issues: FieldIssue[] = [];
  wanted.forEach((email, i) => {
    const u = found.find((f) => f.email.toLowerCase() === email);
    if (!u) issues.push(issue(`${field}.${i}`, `계정 ${email}${particle(email, '이/가')} 없습니다`, `no account ${email}`));
    else if (u.role !== 'evaluator')
      issues.push(issue(`${field}.${i}`, `${email}${particle(email, '은/는')} 평가위원 계정이 아닙니다`, `${email} is not an evaluator account`));
  });
  return { issues, found };
}

export async function getArena(db: Db, id: string): Promise<ArenaRow | undefined> {
  const [row] = await db.select().from(arenas).where(eq(arenas.id, id));
  return row;
}

export async function listArenas(db: Db, opts: { evaluatorId?: string } = {}): Promise<ArenaRow[]> {
  if (opts.evaluatorId) {
    const rows = await db
      .select({ arena: arenas })
      .from(arenas)
      .innerJoin(arenaEvaluators, eq(arenaEvaluators.arenaId, arenas.id))
      .where(eq(arenaEvaluators.userId, opts.evaluatorId))
      .orderBy(asc(arenas.createdAt));
    return rows.map((r) => r.arena);
  }
  return db.select().from(arenas).orderBy(asc(arenas.createdAt));
}

export async function isAssignedEvaluator(db: Db, arenaId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ u: arenaEvaluators.userId })
    .from(arenaEvaluators)
    .where(and(eq(arenaEvaluators.arenaId, arenaId), eq(arenaEvaluators.userId, userId)));
  return !!row;
}

/** Opening, closing, the cap and the conversion; previewed as a diff, committed with the revision checked. */
export async function updateArenaSettings(
  db: Db,
  actor: Actor,
  arena: ArenaRow,
  input: z.infer<typeof arenaSettingsInput>,
): Promise<ArenaResult<{ arena: ArenaRow; changes: FieldChange[] }>> {
  const before = {
    status: arena.status,
    capPerEvaluator: arena.capPerEvaluator,
    bootstrapRounds: arena.bootstrapRounds,
    fullPoints: arena.fullPoints,
    conversion: arena.conversion,
  };
  const after = {
    status: (input.status ?? arena.status) as ArenaStatus,
    capPerEvaluator: input.capPerEvaluator ?? arena.capPerEvaluator,
    bootstrapRounds: input.bootstrapRounds ?? arena.bootstrapRounds,
    fullPoints: input.fullPoints ?? arena.fullPoints,
    conversion: input.conversion ?? arena.conversion,
  };
  if (after.status === 'open' && arena.status !== 'open') {
    const problems = await readinessIssues(db, arena);
    if (problems.length) return { status: 'invalid', issues: problems };
  }
  const changes = diffDocuments(before, after);
  if (arena.revision !== input.expectedRevision)
    return { status: 'conflict', message: `the arena was changed by someone else (revision ${arena.revision}, you edited ${input.expectedRevision})` };
  if (input.mode === 'preview') return { status: 'preview', changes };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(arenas)
      .set({ ...after, revision: arena.revision + 1, updatedAt: new Date() })
      .where(and(eq(arenas.id, arena.id), eq(arenas.revision, input.expectedRevision)))
      .returning();
    if (!row) return { status: 'conflict' as const, message: 'the arena was changed by someone else meanwhile' };
    await appendAudit(tx, actor, { action: 'arena.settings', objectType: 'arena', objectId: arena.id, before, after, reason: input.reason ?? null });
    return { status: 'committed' as const, arena: row, changes };
  });
}

/** An arena opens only with prompts and at least two teams answering some prompt. */
export async function readinessIssues(db: Db, arena: ArenaRow): Promise<FieldIssue[]> {
  const [{ prompts }] = (await db
    .select({ prompts: sql<number>`count(*)::int` })
    .from(arenaPrompts)
    .where(eq(arenaPrompts.arenaId, arena.id))) as [{ prompts: number }];
  if (prompts === 0) return [issue('status', '프롬프트가 없어 열 수 없습니다', 'cannot open without prompts')];
  const teams = await db.selectDistinct({ taskId: arenaAnswers.taskId }).from(arenaAnswers).where(eq(arenaAnswers.arenaId, arena.id));
  if (teams.length < 2) return [issue('status', '답변이 있는 팀이 둘 이상이어야 열 수 있습니다', 'at least two teams need answers before it opens')];
  return [];
}

/** Replaces the arena's prompts from JSON lines; refused once votes exist (they point at prompts). */
export async function uploadPrompts(db: Db, actor: Actor, arena: ArenaRow, jsonl: string, fileName?: string): Promise<ArenaResult<{ prompts: number }>> {
  if (arena.status !== 'setup') return { status: 'conflict', message: 'prompts can only be replaced while the arena is in setup' };
  const { rows, issues } = parseJsonLines(jsonl, 'prompt');
  if (issues.length) return { status: 'invalid', issues };
  await db.transaction(async (tx) => {
    await tx.delete(arenaPrompts).where(eq(arenaPrompts.arenaId, arena.id));
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insert(arenaPrompts).values(rows.slice(i, i + 500).map((r, j) => ({ arenaId: arena.id, promptId: r.id, position: i + j, prompt: r.prompt })));
    }
    await appendAudit(tx, actor, {
      action: 'arena.prompts.upload',
      objectType: 'arena',
      objectId: arena.id,
      after: { prompts: rows.length, fileName: fileName ?? null },
    });
  });
  return { status: 'committed', prompts: rows.length };
}

export async function taskOfProgram(db: Db, programSlug: string, taskId: string) {
  const [task] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.programSlug, programSlug)));
  return task;
}

export async function promptsOf(db: Db, arenaId: string) {
  return db.select().from(arenaPrompts).where(eq(arenaPrompts.arenaId, arenaId)).orderBy(asc(arenaPrompts.position));
}

/** Stores answers for one team (its earlier answers to the same prompts are replaced); ids must be known prompts. */
export async function storeAnswers(
  db: Db,
  actor: Actor,
  arena: ArenaRow,
  taskId: string,
  answers: { id: string; answer: string }[],
  source: { kind: 'upload' | 'endpoint'; ref: string | null },
): Promise<ArenaResult<{ answers: number }>> {
  if (arena.status === 'closed') return { status: 'conflict', message: 'the arena is closed' };
  const task = await taskOfProgram(db, arena.programSlug, taskId);
  if (!task)
    return {
      status: 'invalid',
      issues: [issue('taskId', `이 사업에 과제 ${taskId}${particle(taskId, '이/가')} 없습니다`, `no task ${taskId} in this program`)],
    };
  const known = new Set((await promptsOf(db, arena.id)).map((p) => p.promptId));
  const unknown = answers.filter((a) => !known.has(a.id));
  if (unknown.length) {
    return {
      status: 'invalid',
      issues: [
        issue(
          'jsonl',
          `프롬프트에 없는 id: ${unknown
            .slice(0, 5)
            .map((a) => a.id)
            .join(', ')}`,
          `ids not among the prompts: ${unknown
            .slice(0, 5)
            .map((a) => a.id)
            .join(', ')}`,
        ),
      ],
    };
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < answers.length; i += 500) {
      await tx
        .insert(arenaAnswers)
        .values(
          answers.slice(i, i + 500).map((a) => ({ arenaId: arena.id, taskId, promptId: a.id, answer: a.answer, source: source.kind, sourceRef: source.ref })),
        )
        .onConflictDoUpdate({
          target: [arenaAnswers.arenaId, arenaAnswers.taskId, arenaAnswers.promptId],
          set: { answer: sql`excluded.answer`, source: sql`excluded.source`, sourceRef: sql`excluded.source_ref`, storedAt: new Date() },
        });
    }
    await appendAudit(tx, actor, {
      action: `arena.answers.${source.kind}`,
      objectType: 'arena',
      objectId: arena.id,
      after: { taskId, taskKey: task.key, answers: answers.length, ref: source.ref },
    });
  });
  return { status: 'committed', answers: answers.length };
}

export async function uploadAnswers(db: Db, actor: Actor, arena: ArenaRow, taskId: string, jsonl: string, fileName?: string) {
  const { rows, issues } = parseJsonLines(jsonl, 'answer');
  if (issues.length) return { status: 'invalid' as const, issues };
  return storeAnswers(db, actor, arena, taskId, rows, { kind: 'upload', ref: fileName ?? null });
}

/** Assigns evaluators by e-mail (accounts with the evaluator role); the list replaces the previous one. */
export async function assignEvaluators(
  db: Db,
  actor: Actor,
  arena: ArenaRow,
  emails: string[],
): Promise<ArenaResult<{ evaluators: { id: string; email: string; name: string }[] }>> {
  const { issues, found } = await evaluatorAccounts(db, emails, 'emails');
  if (issues.length) return { status: 'invalid', issues };
  const before = (await db.select({ userId: arenaEvaluators.userId }).from(arenaEvaluators).where(eq(arenaEvaluators.arenaId, arena.id)))
    .map((r) => r.userId)
    .sort();
  const after = found.map((f) => f.id).sort();
  await db.transaction(async (tx) => {
    const removed = before.filter((id) => !after.includes(id));
    if (removed.length) await tx.delete(arenaEvaluators).where(and(eq(arenaEvaluators.arenaId, arena.id), inArray(arenaEvaluators.userId, removed)));
    const added = after.filter((id) => !before.includes(id));
    if (added.length) await tx.insert(arenaEvaluators).values(added.map((userId) => ({ arenaId: arena.id, userId })));
    await appendAudit(tx, actor, { action: 'arena.evaluators', objectType: 'arena', objectId: arena.id, before, after });
  });
  return { status: 'committed', evaluators: found.map(({ id, email, name }) => ({ id, email, name })) };
}

export async function listEvaluators(db: Db, arenaId: string) {
  return db
    .select({ id: user.id, email: user.email, name: user.name })
    .from(arenaEvaluators)
    .innerJoin(user, eq(user.id, arenaEvaluators.userId))
    .where(eq(arenaEvaluators.arenaId, arenaId))
    .orderBy(asc(user.email));
}

/** Per team: how many prompts it answered (for the operator's setup view). */
export async function answerCoverage(db: Db, arenaId: string) {
  return db
    .select({ taskId: arenaAnswers.taskId, taskKey: tasks.key, taskName: tasks.name, answers: sql<number>`count(*)::int` })
    .from(arenaAnswers)
    .innerJoin(tasks, eq(tasks.id, arenaAnswers.taskId))
    .where(eq(arenaAnswers.arenaId, arenaId))
    .groupBy(arenaAnswers.taskId, tasks.key, tasks.name)
    .orderBy(asc(tasks.key));
}
