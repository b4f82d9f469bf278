import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { stageEvaluationScheme, type ProgramDefinition, type StageEvaluationScheme } from '@stagegate/core/program/definition';
import { defaultScoringRules, scoringRules, type ScoringRules } from '@stagegate/core/stage-evaluation/scoring-rules';
import { freezeScheme, schemeChanges, versionScheme, type SchemeVersion } from '@stagegate/core/stage-evaluation/scheme-version';
import { issue, localizedText, type LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { stageEvaluations, stageEvaluationSchemeVersions, stageEvaluationTeams, taskMembers, tasks } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { getProgram } from '../programs/program-store.ts';
import { databaseNow } from '../db/clock.ts';
import { answer, invalidResult, type MutationMode, type StageMutation } from './mutation.ts';
import { particle } from '@stagegate/core/shared/korean-particles';

export type EvaluationRow = typeof stageEvaluations.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type SchemeVersionRow = typeof stageEvaluationSchemeVersions.$inferSelect;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** An evaluation with what every reader needs: its program, current scheme version and teams. */
export interface LoadedEvaluation {
  evaluation: EvaluationRow;
  program: ProgramDefinition;
  version: SchemeVersionRow;
  versions: SchemeVersionRow[];
  teams: TaskRow[];
}

export async function listStageEvaluations(db: Db, programSlug?: string): Promise<EvaluationRow[]> {
  return db
    .select()
    .from(stageEvaluations)
    .where(programSlug ? eq(stageEvaluations.programSlug, programSlug) : undefined)
    .orderBy(desc(stageEvaluations.periodEnd));
}

export async function loadEvaluation(db: Db | Tx, id: string): Promise<LoadedEvaluation | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [evaluation] = await db.select().from(stageEvaluations).where(eq(stageEvaluations.id, id));
  if (!evaluation) return undefined;
  const program = await getProgram(db as Db, evaluation.programSlug);
  if (!program) return undefined;
  const versions = await db
    .select()
    .from(stageEvaluationSchemeVersions)
    .where(eq(stageEvaluationSchemeVersions.evaluationId, id))
    .orderBy(asc(stageEvaluationSchemeVersions.version));
  const version = versions.find((v) => v.version === evaluation.currentSchemeVersion)!;
  const teamIds = (await db.select().from(stageEvaluationTeams).where(eq(stageEvaluationTeams.evaluationId, id))).map((t) => t.taskId);
  const teams = teamIds.length ? await db.select().from(tasks).where(inArray(tasks.id, teamIds)).orderBy(asc(tasks.key)) : [];
  return { evaluation, program: program.definition, version, versions, teams };
}

export interface OpenInput {
  program: string;
  stageKey: string;
  nextPhaseKey?: string;
  name?: LocalizedText;
  periodStart: string;
  periodEnd: string;
  /** how measurements become points; defaults to the scheme's reasonable rules */
  rules?: unknown;
  /** the task keys taking part; all of the program's active tasks when absent */
  teams?: string[];
}

export interface OpenPreview {
  scheme: StageEvaluationScheme;
  rules: ScoringRules;
  teams: { id: string; key: string; name: LocalizedText }[];
  id?: string;
}

/** The phase after `stageKey` in the program's order, where continuing tasks go next. */
function phaseAfter(program: ProgramDefinition, stageKey: string): string | undefined {
  const i = program.phases.findIndex((p) => p.key === stageKey);
  return i >= 0 ? program.phases[i + 1]?.key : undefined;
}

/**
 * Opens the stage evaluation of one program stage: the program's scheme and the scoring rules are
 * frozen as version 1, and the program's active tasks become its teams. Later edits of the program
 * do not reach a frozen evaluation; only a new version with a published reason does.
 */
export async function openStageEvaluation(db: Db, actor: Actor | null, input: OpenInput, mode: MutationMode): Promise<StageMutation<OpenPreview>> {
  const programRow = await getProgram(db, input.program);
  if (!programRow)
    return invalidResult(issue('program', `사업 "${input.program}"${particle(input.program, '이/가')} 없습니다`, `no program "${input.program}"`));
  const program = programRow.definition;
  const issues = [];
  if (!program.phases.some((p) => p.key === input.stageKey)) {
    issues.push(issue('stageKey', `사업에 "${input.stageKey}" 단계가 없습니다`, `the program has no phase "${input.stageKey}"`));
  }
  const nextPhaseKey =
    input.nextPhaseKey ??
    (program.stageEvaluation.decisionPolicy.kind === 'continueIfStageGoalsMet'
      ? program.stageEvaluation.decisionPolicy.nextPhase
      : phaseAfter(program, input.stageKey));
  if (nextPhaseKey && !program.phases.some((p) => p.key === nextPhaseKey)) {
    issues.push(issue('nextPhaseKey', `사업에 "${nextPhaseKey}" 단계가 없습니다`, `the program has no phase "${nextPhaseKey}"`));
  }
  if (!isDate(input.periodStart)) issues.push(issue('periodStart', '날짜(YYYY-MM-DD)가 아닙니다', 'not a date YYYY-MM-DD'));
  if (!isDate(input.periodEnd)) issues.push(issue('periodEnd', '날짜(YYYY-MM-DD)가 아닙니다', 'not a date YYYY-MM-DD'));
  else if (isDate(input.periodStart) && input.periodEnd < input.periodStart) {
    issues.push(issue('periodEnd', '평가 종료일이 시작일보다 앞섭니다', 'the period ends before it starts'));
  }
  const scheme = program.stageEvaluation;
  let rules = defaultScoringRules(scheme);
  if (input.rules !== undefined) {
    const parsed = scoringRules.safeParse(input.rules);
    if (!parsed.success) {
      for (const i of parsed.error.issues) issues.push(issue(['rules', ...i.path.map(String)].join('.'), `잘못된 점수 규칙: ${i.message}`, i.message));
    } else rules = parsed.data;
  }
  const [existing] = await db
    .select({ id: stageEvaluations.id })
    .from(stageEvaluations)
    .where(and(eq(stageEvaluations.programSlug, program.slug), eq(stageEvaluations.stageKey, input.stageKey)));
  if (existing) issues.push(issue('stageKey', '이 단계의 평가가 이미 열려 있습니다', 'this stage already has an evaluation'));
  const active = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.programSlug, program.slug), eq(tasks.status, 'active')))
    .orderBy(asc(tasks.key));
  const teams = input.teams ? active.filter((t) => input.teams!.includes(t.key)) : active;
  for (const [i, key] of (input.teams ?? []).entries()) {
    if (!active.some((t) => t.key === key))
      issues.push(issue(`teams.${i}`, `"${key}"${particle(key, '은/는')} 이 사업의 진행 중 과제가 아닙니다`, `"${key}" is not an active task of this program`));
  }
  if (teams.length === 0) issues.push(issue('program', '평가할 진행 중 과제가 없습니다', 'the program has no active task to evaluate'));
  if (issues.length) return invalidResult(...issues);

  const stage = program.phases.find((p) => p.key === input.stageKey)!;
  const name = input.name ?? { ko: `${program.shortName.ko} ${stage.name.ko} 단계 평가`, en: `${program.shortName.en} ${stage.name.en} stage evaluation` };
  const payload: OpenPreview = { scheme, rules, teams: teams.map((t) => ({ id: t.id, key: t.key, name: t.name })) };
  if (mode !== 'commit') return answer(mode, payload);

  return db.transaction(async (tx) => {
    const openedAt = await databaseNow(tx);
    const frozen = freezeScheme(scheme, openedAt.toISOString());
    const [row] = await tx
      .insert(stageEvaluations)
      .values({
        programSlug: program.slug,
        stageKey: input.stageKey,
        nextPhaseKey: nextPhaseKey ?? null,
        name,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        openedAt,
        createdBy: actor?.id ?? null,
      })
      .returning();
    await tx
      .insert(stageEvaluationSchemeVersions)
      .values({ evaluationId: row!.id, version: 1, scheme: frozen.scheme, rules, effectiveFrom: openedAt, changes: [], createdBy: actor?.id ?? null });
    await tx.insert(stageEvaluationTeams).values(teams.map((t) => ({ evaluationId: row!.id, taskId: t.id, statusAtOpening: t.status })));
    await appendAudit(tx, actor, {
      action: 'stageEvaluation.open',
      objectType: 'stageEvaluation',
      objectId: row!.id,
      after: { program: program.slug, stageKey: input.stageKey, schemeVersion: 1, scheme, rules, teams: teams.map((t) => t.key) },
    });
    return { status: 'committed', ...payload, id: row!.id };
  });
}

export interface SchemeChangeInput {
  scheme: unknown;
  rules?: unknown;
  reason: { ko: string; en: string };
  expectedRevision: number;
}

/**
 * A change to a frozen scheme: a new version that takes effect now, with its published reason in
 * both languages and the list of what changed. Refused once the decision is confirmed.
 */
export async function changeScheme(
  db: Db,
  actor: Actor,
  id: string,
  input: SchemeChangeInput,
  mode: MutationMode,
): Promise<StageMutation<{ version: number; changes: string[] }>> {
  const loaded = await loadEvaluation(db, id);
  if (!loaded) return invalidResult(issue('id', '단계 평가가 없습니다', 'no such stage evaluation'));
  const { evaluation, version } = loaded;
  if (evaluation.status !== 'open')
    return invalidResult(issue('status', '결정이 확정된 평가의 기준은 바꿀 수 없습니다', 'the decision is confirmed; the scheme can no longer change'));
  const scheme = stageEvaluationScheme.safeParse(input.scheme);
  if (!scheme.success) {
    return invalidResult(...scheme.error.issues.map((i) => issue(['scheme', ...i.path.map(String)].join('.'), `잘못된 평가 기준: ${i.message}`, i.message)));
  }
  let rules = version.rules;
  if (input.rules !== undefined) {
    const parsed = scoringRules.safeParse(input.rules);
    if (!parsed.success)
      return invalidResult(...parsed.error.issues.map((i) => issue(['rules', ...i.path.map(String)].join('.'), `잘못된 점수 규칙: ${i.message}`, i.message)));
    rules = parsed.data;
  }
  const reason = localizedText.safeParse({ ko: input.reason.ko?.trim(), en: input.reason.en?.trim() });
  if (!reason.success)
    return invalidResult(issue('reason', '변경 사유를 한국어와 영어로 공개해야 합니다', 'a scheme change needs a published reason in Korean and English'));
  const changes = schemeChanges({ scheme: version.scheme, rules: version.rules }, { scheme: scheme.data, rules });
  if (changes.length === 0) return invalidResult(issue('scheme', '현재 판과 같습니다', 'identical to the current version'));
  if (evaluation.revision !== input.expectedRevision) {
    return {
      status: 'conflict',
      message: `the evaluation changed meanwhile (revision ${evaluation.revision}, you saw ${input.expectedRevision})`,
      currentRevision: evaluation.revision,
    };
  }
  const next = version.version + 1;
  if (mode !== 'commit') return answer(mode, { version: next, changes });
  return db.transaction(async (tx) => {
    const now = await databaseNow(tx);
    const current: SchemeVersion<unknown> = {
      version: version.version,
      scheme: { scheme: version.scheme, rules: version.rules },
      effectiveFrom: version.effectiveFrom.toISOString(),
      changes: version.changes,
    };
    const made = versionScheme(current, { scheme: scheme.data, rules }, reason.data, now.toISOString());
    const [bumped] = await tx
      .update(stageEvaluations)
      .set({ currentSchemeVersion: made.version, revision: evaluation.revision + 1, updatedAt: now })
      .where(and(eq(stageEvaluations.id, id), eq(stageEvaluations.revision, input.expectedRevision)))
      .returning();
    if (!bumped) return { status: 'conflict' as const, message: 'the evaluation changed meanwhile', currentRevision: evaluation.revision + 1 };
    await tx.insert(stageEvaluationSchemeVersions).values({
      evaluationId: id,
      version: made.version,
      scheme: scheme.data,
      rules,
      effectiveFrom: now,
      reason: reason.data,
      changes: made.changes,
      createdBy: actor.id,
    });
    await appendAudit(tx, actor, {
      action: 'stageEvaluation.scheme.version',
      objectType: 'stageEvaluation',
      objectId: id,
      before: { version: version.version, scheme: version.scheme, rules: version.rules },
      after: { version: made.version, scheme: scheme.data, rules, changes: made.changes },
      reason: `${reason.data.ko} / ${reason.data.en}`,
    });
    return { status: 'committed' as const, version: made.version, changes: made.changes };
  });
}

/** Bumps the revision inside a mutation's transaction, so a confirmation made on stale figures is refused. */
export async function touchEvaluation(tx: Tx, id: string): Promise<void> {
  const [row] = await tx.select({ revision: stageEvaluations.revision }).from(stageEvaluations).where(eq(stageEvaluations.id, id));
  await tx
    .update(stageEvaluations)
    .set({ revision: row!.revision + 1, updatedAt: new Date() })
    .where(eq(stageEvaluations.id, id));
}

/** The stage evaluations in which a user's tasks are teams, in one join through the task memberships. */
export async function evaluationsOfMember(db: Db, userId: string) {
  return db
    .select({ evaluationId: stageEvaluations.id, name: stageEvaluations.name, status: stageEvaluations.status, taskKey: tasks.key, taskName: tasks.name })
    .from(taskMembers)
    .innerJoin(stageEvaluationTeams, eq(stageEvaluationTeams.taskId, taskMembers.taskId))
    .innerJoin(stageEvaluations, eq(stageEvaluations.id, stageEvaluationTeams.evaluationId))
    .innerJoin(tasks, eq(tasks.id, stageEvaluationTeams.taskId))
    .where(eq(taskMembers.userId, userId));
}
