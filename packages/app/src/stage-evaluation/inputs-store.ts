import { and, eq } from 'drizzle-orm';
import { issue, type FieldIssue } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import {
  stageEvaluationExpertScores,
  stageEvaluationGates,
  stageEvaluationGoals,
  stageEvaluationMeasurements,
  type EvidenceLink,
  type GateDeclaration,
  type MeasurementSource,
} from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { loadEvaluation, touchEvaluation, type LoadedEvaluation, type TaskRow } from './evaluation-store.ts';
import { answer, invalidResult, type MutationMode, type StageMutation } from './mutation.ts';
import { findLeaf } from './scheme-components.ts';
import { particle } from '@stagegate/core/shared/korean-particles';

type Loaded = { loaded: LoadedEvaluation } | { issues: FieldIssue[] };

/** Whether inputs may change: while open, and again while an upheld appeal has the decision reopened. */
export const inputsOpen = (status: string) => status === 'open' || status === 'reopened';

/** Inputs change only while the evaluation is open (or reopened by an upheld appeal): after the decision they are the record. */
async function openEvaluation(db: Db, id: string): Promise<Loaded> {
  const loaded = await loadEvaluation(db, id);
  if (!loaded) return { issues: [issue('id', '단계 평가가 없습니다', 'no such stage evaluation')] };
  if (!inputsOpen(loaded.evaluation.status)) {
    return { issues: [issue('status', '결정이 확정되어 입력을 바꿀 수 없습니다', 'the decision is confirmed; inputs can no longer change')] };
  }
  return { loaded };
}

/** A team named by its task key or id. */
export function findTeam(loaded: LoadedEvaluation, team: string): TaskRow | undefined {
  return loaded.teams.find((t) => t.key === team || t.id === team);
}

export interface MeasurementEntry {
  team: string;
  component: string;
  value: number;
  source?: MeasurementSource;
  sourceRef?: string;
  note?: string;
}

export interface MeasurementChange {
  team: string;
  component: string;
  before: number | null;
  after: number;
}

/**
 * Benchmark ratios, user-evaluation scores, or a panel mean supplied by the review machinery: one
 * value per team and leaf component, entered by hand or imported in bulk through the same path.
 */
export async function putMeasurements(
  db: Db,
  actor: Actor | null,
  id: string,
  entries: MeasurementEntry[],
  mode: MutationMode,
  opts: { auditAction?: string } = {},
): Promise<StageMutation<{ changes: MeasurementChange[] }>> {
  const got = await openEvaluation(db, id);
  if ('issues' in got) return invalidResult(...got.issues);
  const { loaded } = got;
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const resolved = entries.flatMap((e, i) => {
    const at = `entries.${i}`;
    const task = findTeam(loaded, e.team);
    const component = findLeaf(loaded.version.scheme, e.component);
    if (!task)
      issues.push(issue(`${at}.team`, `"${e.team}"${particle(e.team, '은/는')} 이 평가의 팀이 아닙니다`, `"${e.team}" is not a team of this evaluation`));
    if (!component) issues.push(issue(`${at}.component`, `평가 기준에 "${e.component}" 항목이 없습니다`, `the scheme has no component "${e.component}"`));
    else if (component.kind === 'stageGoals') issues.push(issue(`${at}.component`, '단계 목표는 목표별로 입력합니다', 'stage goals are entered goal by goal'));
    if (!Number.isFinite(e.value) || (component?.kind !== 'userEvaluation' && e.value < 0)) {
      issues.push(issue(`${at}.value`, '0 이상의 숫자여야 합니다', 'must be a number of at least 0'));
    }
    if (component?.kind === 'benchmark' && e.value > 2)
      issues.push(issue(`${at}.value`, '벤치마크 비율은 0–2 사이입니다 (예: 0.93)', 'a benchmark ratio lies between 0 and 2 (e.g. 0.93)'));
    const dup = `${task?.id}/${component?.key}`;
    if (task && component && seen.has(dup)) issues.push(issue(`${at}.team`, '같은 팀·항목이 두 번 있습니다', 'the same team and component appear twice'));
    seen.add(dup);
    return task && component ? [{ e, task, component }] : [];
  });
  if (issues.length) return invalidResult(...issues);
  const existing = await db.select().from(stageEvaluationMeasurements).where(eq(stageEvaluationMeasurements.evaluationId, id));
  const before = (taskId: string, key: string) => existing.find((m) => m.taskId === taskId && m.componentKey === key)?.value ?? null;
  const changes = resolved
    .map(({ e, task, component }) => ({ team: task.key, component: component.key, before: before(task.id, component.key), after: e.value }))
    .filter((c) => c.before !== c.after);
  if (mode !== 'commit') return answer(mode, { changes });
  if (changes.length === 0) return { status: 'committed', changes };
  await db.transaction(async (tx) => {
    for (const { e, task, component } of resolved) {
      const row = {
        value: e.value,
        source: e.source ?? 'manual',
        sourceRef: e.sourceRef ?? null,
        note: e.note ?? null,
        enteredBy: actor?.id ?? null,
        enteredAt: new Date(),
      };
      await tx
        .insert(stageEvaluationMeasurements)
        .values({ evaluationId: id, taskId: task.id, componentKey: component.key, ...row })
        .onConflictDoUpdate({
          target: [stageEvaluationMeasurements.evaluationId, stageEvaluationMeasurements.taskId, stageEvaluationMeasurements.componentKey],
          set: row,
        });
    }
    await touchEvaluation(tx, id);
    const refOf = (team: string, component: string) => resolved.find((r) => r.task.key === team && r.component.key === component)?.e.sourceRef ?? null;
    await appendAudit(tx, actor, {
      action: opts.auditAction ?? 'stageEvaluation.measurements',
      objectType: 'stageEvaluation',
      objectId: id,
      before: changes.map((c) => ({ team: c.team, component: c.component, value: c.before })),
      after: changes.map((c) => ({
        team: c.team,
        component: c.component,
        value: c.after,
        source: resolved[0]?.e.source ?? 'manual',
        sourceRef: refOf(c.team, c.component),
      })),
    });
  });
  return { status: 'committed', changes };
}

export interface ExpertScoreEntry {
  team: string;
  component: string;
  expert: string;
  score: number;
}

/** Each panel member's score; the component takes their trimmed mean. */
export async function putExpertScores(
  db: Db,
  actor: Actor | null,
  id: string,
  entries: ExpertScoreEntry[],
  mode: MutationMode,
): Promise<StageMutation<{ count: number }>> {
  const got = await openEvaluation(db, id);
  if ('issues' in got) return invalidResult(...got.issues);
  const { loaded } = got;
  const scaleMax = loaded.version.rules.expertPanel.scaleMax;
  const issues: FieldIssue[] = [];
  const rows = entries.flatMap((e, i) => {
    const at = `entries.${i}`;
    const task = findTeam(loaded, e.team);
    const component = findLeaf(loaded.version.scheme, e.component);
    if (!task)
      issues.push(issue(`${at}.team`, `"${e.team}"${particle(e.team, '은/는')} 이 평가의 팀이 아닙니다`, `"${e.team}" is not a team of this evaluation`));
    if (component?.kind !== 'expertPanel')
      issues.push(
        issue(
          `${at}.component`,
          `"${e.component}"${particle(e.component, '은/는')} 전문가 평가 항목이 아닙니다`,
          `"${e.component}" is not an expert-panel component`,
        ),
      );
    if (!e.expert.trim()) issues.push(issue(`${at}.expert`, '위원을 밝혀야 합니다', 'name the panel member'));
    if (!Number.isFinite(e.score) || e.score < 0 || e.score > scaleMax)
      issues.push(issue(`${at}.score`, `0–${scaleMax} 사이여야 합니다`, `must lie between 0 and ${scaleMax}`));
    return task && component
      ? [{ evaluationId: id, taskId: task.id, componentKey: component.key, expert: e.expert.trim(), score: e.score, enteredBy: actor?.id ?? null }]
      : [];
  });
  if (issues.length) return invalidResult(...issues);
  if (mode !== 'commit') return answer(mode, { count: rows.length });
  await db.transaction(async (tx) => {
    for (const r of rows) {
      await tx
        .insert(stageEvaluationExpertScores)
        .values(r)
        .onConflictDoUpdate({
          target: [
            stageEvaluationExpertScores.evaluationId,
            stageEvaluationExpertScores.taskId,
            stageEvaluationExpertScores.componentKey,
            stageEvaluationExpertScores.expert,
          ],
          set: { score: r.score, enteredBy: actor?.id ?? null, enteredAt: new Date() },
        });
    }
    await touchEvaluation(tx, id);
    await appendAudit(tx, actor, { action: 'stageEvaluation.expertScores', objectType: 'stageEvaluation', objectId: id, after: entries });
  });
  return { status: 'committed', count: rows.length };
}

export interface GoalInput {
  goal: string;
  met: boolean | null;
  evidence?: string;
}

/** The stage goals a team declared in its proposal, each marked met or not with evidence. */
export async function putStageGoals(
  db: Db,
  actor: Actor | null,
  id: string,
  team: string,
  componentKey: string,
  goals: GoalInput[],
  mode: MutationMode,
): Promise<StageMutation<{ met: number; declared: number }>> {
  const got = await openEvaluation(db, id);
  if ('issues' in got) return invalidResult(...got.issues);
  const { loaded } = got;
  const task = findTeam(loaded, team);
  if (!task) return invalidResult(issue('team', '이 평가의 팀이 아닙니다', 'not a team of this evaluation'));
  if (findLeaf(loaded.version.scheme, componentKey)?.kind !== 'stageGoals') {
    return invalidResult(
      issue('component', `"${componentKey}"${particle(componentKey, '은/는')} 단계 목표 항목이 아닙니다`, `"${componentKey}" is not a stage-goals component`),
    );
  }
  const issues = goals.flatMap((g, i) => (g.goal.trim() ? [] : [issue(`goals.${i}.goal`, '목표를 적어야 합니다', 'state the goal')]));
  if (goals.length === 0) issues.push(issue('goals', '목표가 하나 이상 있어야 합니다', 'at least one goal'));
  goals.forEach(
    (g, i) => g.met !== null && !g.evidence?.trim() && issues.push(issue(`goals.${i}.evidence`, '판정에는 근거가 필요합니다', 'a finding needs its evidence')),
  );
  if (issues.length) return invalidResult(...issues);
  const summary = { met: goals.filter((g) => g.met === true).length, declared: goals.length };
  if (mode !== 'commit') return answer(mode, summary);
  await db.transaction(async (tx) => {
    const where = and(eq(stageEvaluationGoals.evaluationId, id), eq(stageEvaluationGoals.taskId, task.id), eq(stageEvaluationGoals.componentKey, componentKey));
    const before = await tx.select().from(stageEvaluationGoals).where(where);
    await tx.delete(stageEvaluationGoals).where(where);
    const now = new Date();
    await tx.insert(stageEvaluationGoals).values(
      goals.map((g, position) => ({
        evaluationId: id,
        taskId: task.id,
        componentKey,
        position,
        goal: g.goal.trim(),
        met: g.met,
        evidence: g.evidence?.trim() || null,
        checkedBy: g.met === null ? null : (actor?.id ?? null),
        checkedAt: g.met === null ? null : now,
      })),
    );
    await touchEvaluation(tx, id);
    await appendAudit(tx, actor, {
      action: 'stageEvaluation.stageGoals',
      objectType: 'stageEvaluation',
      objectId: id,
      before: { team: task.key, goals: before.map((g) => ({ goal: g.goal, met: g.met, evidence: g.evidence })) },
      after: { team: task.key, goals },
    });
  });
  return { status: 'committed', ...summary };
}

export interface DeclarationInput {
  items: Record<string, boolean>;
  statement: string;
  evidence: EvidenceLink[];
}

/** The team's own declaration for a gate (originality: architecture, data, weight initialisation) and its evidence. */
export async function putGateDeclaration(
  db: Db,
  actor: Actor | null,
  id: string,
  team: string,
  gateKey: string,
  input: DeclarationInput,
  mode: MutationMode,
): Promise<StageMutation<{ gate: string }>> {
  const got = await openEvaluation(db, id);
  if ('issues' in got) return invalidResult(...got.issues);
  const { loaded } = got;
  const task = findTeam(loaded, team);
  if (!task) return invalidResult(issue('team', '이 평가의 팀이 아닙니다', 'not a team of this evaluation'));
  if (!loaded.version.scheme.gates.some((g) => g.key === gateKey))
    return invalidResult(issue('gate', `관문 "${gateKey}"${particle(gateKey, '이/가')} 없습니다`, `no gate "${gateKey}"`));
  const issues: FieldIssue[] = [];
  if (!input.statement.trim()) issues.push(issue('statement', '선언 내용을 적어야 합니다', 'write the declaration'));
  input.evidence.forEach((e, i) => {
    if (!e.label.trim()) issues.push(issue(`evidence.${i}.label`, '근거 이름이 필요합니다', 'name the evidence'));
    if (!/^(https?:\/\/|\/)/.test(e.url))
      issues.push(issue(`evidence.${i}.url`, '링크는 http(s):// 또는 / 로 시작해야 합니다', 'a link starts with http(s):// or /'));
  });
  if (issues.length) return invalidResult(...issues);
  if (mode !== 'commit') return answer(mode, { gate: gateKey });
  await db.transaction(async (tx) => {
    const declaration: GateDeclaration = { items: input.items, statement: input.statement.trim() };
    const set = { declaration, evidence: input.evidence, declaredBy: actor?.id ?? null, declaredAt: new Date() };
    await tx
      .insert(stageEvaluationGates)
      .values({ evaluationId: id, taskId: task.id, gateKey, ...set })
      .onConflictDoUpdate({ target: [stageEvaluationGates.evaluationId, stageEvaluationGates.taskId, stageEvaluationGates.gateKey], set });
    await touchEvaluation(tx, id);
    await appendAudit(tx, actor, {
      action: 'stageEvaluation.gate.declare',
      objectType: 'stageEvaluation',
      objectId: id,
      after: { team: task.key, gate: gateKey, ...set },
    });
  });
  return { status: 'committed', gate: gateKey };
}

/** The panel's pass/fail ruling on a gate, always with reasons. */
export async function putGateRuling(
  db: Db,
  actor: Actor | null,
  id: string,
  team: string,
  gateKey: string,
  input: { passed: boolean; reason: { ko: string; en?: string } },
  mode: MutationMode,
): Promise<StageMutation<{ gate: string; passed: boolean }>> {
  const got = await openEvaluation(db, id);
  if ('issues' in got) return invalidResult(...got.issues);
  const { loaded } = got;
  const task = findTeam(loaded, team);
  if (!task) return invalidResult(issue('team', '이 평가의 팀이 아닙니다', 'not a team of this evaluation'));
  if (!loaded.version.scheme.gates.some((g) => g.key === gateKey))
    return invalidResult(issue('gate', `관문 "${gateKey}"${particle(gateKey, '이/가')} 없습니다`, `no gate "${gateKey}"`));
  const ko = input.reason.ko.trim();
  if (ko.length < 5) return invalidResult(issue('reason', '판정 사유를 5자 이상 적어야 합니다', 'a ruling needs its reasons (at least 5 characters)'));
  const reason = { ko, en: input.reason.en?.trim() || ko };
  if (mode !== 'commit') return answer(mode, { gate: gateKey, passed: input.passed });
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(stageEvaluationGates)
      .where(and(eq(stageEvaluationGates.evaluationId, id), eq(stageEvaluationGates.taskId, task.id), eq(stageEvaluationGates.gateKey, gateKey)));
    const set = { passed: input.passed, rulingReason: reason, ruledBy: actor?.id ?? null, ruledAt: new Date() };
    await tx
      .insert(stageEvaluationGates)
      .values({ evaluationId: id, taskId: task.id, gateKey, ...set })
      .onConflictDoUpdate({ target: [stageEvaluationGates.evaluationId, stageEvaluationGates.taskId, stageEvaluationGates.gateKey], set });
    await touchEvaluation(tx, id);
    await appendAudit(tx, actor, {
      action: 'stageEvaluation.gate.rule',
      objectType: 'stageEvaluation',
      objectId: id,
      before: before ? { team: task.key, gate: gateKey, passed: before.passed, reason: before.rulingReason } : null,
      after: { team: task.key, gate: gateKey, passed: input.passed, reason },
      reason: reason.ko,
    });
  });
  return { status: 'committed', gate: gateKey, passed: input.passed };
}
