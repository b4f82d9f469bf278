import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Allocation } from '@stagegate/core/allocation/allocation';
import { addDays } from '@stagegate/core/allocation/calendar-day';
import { gpusHeldOn } from '@stagegate/core/allocation/free-gpus';
import { diffAllocations, type AllocationChange } from '@stagegate/core/allocation/allocation-diff';
import { validateAllocations } from '@stagegate/core/allocation/validate-allocations';
import { issue, type FieldIssue } from '@stagegate/core/shared/localized';
import { appealDeadline } from '@stagegate/core/stage-evaluation/appeals';
import {
  correctionTransfers,
  earliestCorrection,
  outcomeChanges,
  reopenAllocations,
  type OutcomeChange,
  type ReopenEffect,
} from '@stagegate/core/stage-evaluation/reopened-decision';
import type { Db, Tx } from '../db/connect.ts';
import {
  allocationLedger,
  stageEvaluationAppeals,
  stageEvaluationDecisions,
  stageEvaluationDecisionVersions,
  stageEvaluations,
  type DecisionCorrection,
  type DecisionOutcomeRecord,
  type EnforcementRecord,
} from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { listAllocations, mutateAllocationsIn } from '../allocations/allocation-store.ts';
import { loadProgramRules, type ProgramAllocationRules } from '../allocations/program-rules.ts';
import { slurmPlanFor } from '../allocations/slurm-plan-preview.ts';
import { reinstateTaskIn, setTaskStatusIn } from '../allocations/task-blocking.ts';
import { notifyAll, taskRecipients } from '../notifications/notify.ts';
import type { LoadedEvaluation } from './evaluation-store.ts';
import { answer, invalidResult, type MutationMode, type StageMutation } from './mutation.ts';
import { settleOutcomes } from '@stagegate/core/stage-evaluation/settle-outcomes';
import { computeResults, loadRawInputs, type StageResults } from './results.ts';
import type { DecisionInput } from './decision.ts';

/*
 * An upheld appeal reopens the decision in force (appeals.ts); the office corrects the input the
 * appeal was about and confirms the re-proposed decision here. The correction holds from its
 * effective date: a team that continues after all gets back the allocations it held before the
 * elimination, and the teams that received its GPUs by redistribution give exactly that share back,
 * through the allocation service under the program's lock. A correction may also eliminate a team
 * that continued under the decision in force (team X's appeal upheld puts another team last): its
 * allocations end from the effective date, its GPUs are split again by the program's rule, it is
 * blocked on Slurm like any eliminated team, and it is told why with an appeal window of its own,
 * counted from the correction. The decision in force is kept as a version; the corrected one names
 * the appeal, its reason and the version it replaces.
 */

export interface CorrectionPreview {
  kind: 'correction';
  appeal: { id: string; team: string; grounds: string; reason: string };
  replacesVersion: number;
  effectiveFrom: string;
  results: StageResults;
  outcomes: DecisionOutcomeRecord[];
  changes: OutcomeChange[];
  restored: ReopenEffect['restored'];
  takenBack: ReopenEffect['takenBack'];
  /** teams the correction newly eliminates: their allocations ended from the effective date */
  ended: ReopenEffect['ended'];
  /** GPUs remaining teams receive beyond their earlier share, from the effective date */
  given: ReopenEffect['given'];
  /** the newly eliminated teams' own appeal windows, counted from the correction's publication */
  appealWindows: { taskKey: string; lastDay: string; closesAt: string }[];
  allocationChanges: AllocationChange[];
  slurmPlan: { ko: string[]; en: string[] };
  retroactive: { today: string; daysLate: number } | null;
}

const MIN_REASON = 10;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** What each team held before the decision in force ended its allocations, read back from the ledger. */
async function heldBeforeElimination(db: Db | Tx, record: EnforcementRecord): Promise<Allocation[]> {
  const ids = record.allocationsEnded.map((a) => a.allocationId);
  if (!ids.length) return [];
  const rows = await db
    .select()
    .from(allocationLedger)
    .where(and(eq(allocationLedger.taskId, record.taskId), inArray(allocationLedger.allocationId, ids)))
    .orderBy(desc(allocationLedger.seq));
  return ids.flatMap((id) => {
    // the latest change that ended or removed it: its `before` is the allocation as it was held
    const row = rows.find((r) => r.allocationId === id && r.before && (!r.after || r.after.end < r.before.end));
    return row?.before ? [row.before] : [];
  });
}

export async function confirmCorrection(
  db: Db,
  actor: Actor,
  loaded: LoadedEvaluation,
  today: string,
  input: DecisionInput,
  mode: MutationMode,
): Promise<StageMutation<CorrectionPreview>> {
  const { evaluation, program, teams } = loaded;
  const id = evaluation.id;
  const [inForce] = await db.select().from(stageEvaluationDecisions).where(eq(stageEvaluationDecisions.evaluationId, id));
  const [appeal] = evaluation.reopenedForAppeal
    ? await db.select().from(stageEvaluationAppeals).where(eq(stageEvaluationAppeals.id, evaluation.reopenedForAppeal))
    : [];
  if (!inForce || !appeal) return invalidResult(issue('status', '재검토 중인 결정이 없습니다', 'no reopened decision'));
  const earliest = earliestCorrection(inForce.decidedOn, today);
  const effectiveFrom = input.decidedOn ?? earliest;
  const issues: FieldIssue[] = [];
  if (!ISO_DATE.test(effectiveFrom) || Number.isNaN(dayMs(effectiveFrom)))
    issues.push(issue('decidedOn', '날짜(YYYY-MM-DD)가 아닙니다', 'not a date YYYY-MM-DD'));
  else {
    if (dayMs(effectiveFrom) <= dayMs(inForce.decidedOn)) {
      issues.push(
        issue(
          'decidedOn',
          `정정 적용일은 원래 결정일(${inForce.decidedOn}) 다음 날 이후여야 합니다`,
          `the correction holds from a day after the decision it corrects (${inForce.decidedOn})`,
        ),
      );
    }
    if (effectiveFrom < today && (input.retroactiveReason?.trim().length ?? 0) < MIN_REASON) {
      issues.push(
        issue(
          'retroactiveReason',
          `지난 날짜(${effectiveFrom})부터 정정하려면 사유를 ${MIN_REASON}자 이상 적어야 합니다`,
          `a correction from a past day (${effectiveFrom}) needs a written reason of at least ${MIN_REASON} characters`,
        ),
      );
    }
  }
  const results = computeResults(loaded, await loadRawInputs(db, id));
  const overrides = input.overrides ?? {};
  const settled = settleOutcomes(results, teams, overrides);
  issues.push(...settled.issues);
  const { outcomes } = settled;
  const departures = outcomes.filter((o) => o.outcome !== o.proposed).map((o) => o.taskKey);
  const departureReason = input.departureReason?.trim() ?? '';
  if (departures.length && departureReason.length < MIN_REASON) {
    issues.push(
      issue(
        'departureReason',
        `제안과 다르게 결정하려면 사유를 ${MIN_REASON}자 이상 적어야 합니다`,
        `departing from the proposal needs a written reason of at least ${MIN_REASON} characters`,
      ),
    );
  }
  const changes = outcomeChanges(inForce.outcomes, outcomes);
  if (issues.length) return invalidResult(...issues);
  if (evaluation.revision !== input.expectedRevision) {
    return {
      status: 'conflict',
      message: `the inputs changed since you looked (revision ${evaluation.revision}, you saw ${input.expectedRevision})`,
      currentRevision: evaluation.revision,
    };
  }

  const restoredIds = new Set(changes.filter((c) => c.after === 'continue').map((c) => c.taskId));
  const newlyOut = new Set(changes.filter((c) => c.after === 'eliminate').map((c) => c.taskId));
  const records = inForce.enforcement;
  const current = await listAllocations(db, program.slug);
  const held = new Map(
    await Promise.all(records.filter((r) => r.action === 'eliminate').map(async (r) => [r.taskId, await heldBeforeElimination(db, r)] as const)),
  );
  const dayAfter = addDays(inForce.decidedOn, 1);
  const receives = new Map<string, { poolKey: string; gpus: number }[]>();
  const takeBack: { taskId: string; poolKey: string; gpus: number }[] = [];
  const give: { taskId: string; poolKey: string; gpus: number }[] = [];
  /** each remaining team's share per pool under the corrected split, kept in its record for a later correction */
  const newShares = new Map<string, { poolKey: string; gpus: number }[]>();
  const rankOf = new Map(outcomes.map((o) => [o.taskId, o.rank]));
  // the teams eliminated after the correction hand their GPUs on: the rule splits them again among the teams that now remain
  for (const pool of (restoredIds.size || newlyOut.size) && program.redistribution ? program.gpuPools : []) {
    const oldShare = (taskId: string) => records.find((r) => r.taskId === taskId)?.gpusReceived?.find((g) => g.poolKey === pool.key)?.gpus ?? 0;
    const ownNow = (taskId: string) =>
      gpusHeldOn(
        current.filter((a) => a.taskId === taskId),
        pool.key,
        dayAfter,
      ) - oldShare(taskId);
    const stillOut = records.filter((r) => r.action === 'eliminate' && !restoredIds.has(r.taskId));
    // a newly eliminated team hands on what it held of its own, not the share it had received (that share is split again anyway)
    const returned =
      stillOut.reduce((n, r) => n + gpusHeldOn(held.get(r.taskId) ?? [], pool.key, dayAfter), 0) +
      [...newlyOut].reduce((n, taskId) => n + Math.max(0, ownNow(taskId)), 0);
    const oldReturned = records.filter((r) => r.action === 'eliminate').reduce((n, r) => n + gpusHeldOn(held.get(r.taskId) ?? [], pool.key, dayAfter), 0);
    const remaining = outcomes.filter((o) => o.outcome === 'continue');
    const recipients = remaining
      .map((o) => {
        const before = restoredIds.has(o.taskId)
          ? gpusHeldOn(held.get(o.taskId) ?? [], pool.key, dayAfter)
          : gpusHeldOn(
              current.filter((a) => a.taskId === o.taskId),
              pool.key,
              dayAfter,
            ) - oldShare(o.taskId);
        return { taskId: o.taskId, team: o.taskKey, rank: rankOf.get(o.taskId) ?? Number.MAX_SAFE_INTEGER, before, restored: restoredIds.has(o.taskId) };
      })
      .filter((r) => r.before > 0);
    const moves = correctionTransfers({
      rule: program.redistribution!,
      gpusPerNode: pool.gpusPerNode,
      returned,
      oldReturned,
      oldShares: Object.fromEntries(recipients.map((r) => [r.team, oldShare(r.taskId)])),
      recipients,
    });
    for (const m of moves.receives) receives.set(m.taskId, [...(receives.get(m.taskId) ?? []), { poolKey: pool.key, gpus: m.gpus }]);
    for (const m of moves.takeBack) takeBack.push({ taskId: m.taskId, poolKey: pool.key, gpus: m.gpus });
    for (const m of moves.give) give.push({ taskId: m.taskId, poolKey: pool.key, gpus: m.gpus });
    for (const r of recipients) {
      const delta = (moves.give.find((m) => m.taskId === r.taskId)?.gpus ?? 0) - (moves.takeBack.find((m) => m.taskId === r.taskId)?.gpus ?? 0);
      const now = r.restored ? (moves.receives.find((m) => m.taskId === r.taskId)?.gpus ?? 0) : oldShare(r.taskId) + delta;
      if (now > 0) newShares.set(r.taskId, [...(newShares.get(r.taskId) ?? []), { poolKey: pool.key, gpus: now }]);
    }
  }
  const redistributed = (restoredIds.size > 0 || newlyOut.size > 0) && !!program.redistribution;
  const restore = [...restoredIds].map((taskId) => ({ taskId, heldBefore: held.get(taskId) ?? [], receives: receives.get(taskId) ?? [] }));
  const edit = (current: Allocation[], rules: ProgramAllocationRules) => {
    const out = reopenAllocations({ current, restore, takeBack, end: [...newlyOut], give, effectiveFrom }, rules, randomUUID);
    return out.ok ? out : { ok: false as const, issues: out.issues };
  };
  const rules = await loadProgramRules(db, program.slug);
  if (!rules) return invalidResult(issue('program', '사업이 없습니다', 'no such program'));
  const planned = edit(current, rules);
  if (!planned.ok) return invalidResult(...planned.issues.map((i) => ({ field: `enforcement.${i.allocationId || 'program'}.${i.field}`, message: i.message })));
  const allocationChanges = diffAllocations(current, planned.allocations);
  const touched = new Set(allocationChanges.filter((c) => c.kind !== 'removed').map((c) => c.allocationId));
  const refused = validateAllocations(planned.allocations, rules, touched);
  if (refused.length) return invalidResult(...refused.map((i) => ({ field: `enforcement.${i.allocationId || 'program'}.${i.field}`, message: i.message })));
  const statusBefore = new Map(records.map((r) => [r.taskId, r.statusBefore === 'blocked' ? ('blocked' as const) : ('active' as const)]));
  const slurmPlan = await slurmPlanFor(db, program.slug, effectiveFrom, (inputs) => ({
    tasks: inputs.tasks.map((t) =>
      restoredIds.has(t.id) ? { ...t, status: statusBefore.get(t.id)! } : newlyOut.has(t.id) ? { ...t, status: 'eliminated' } : t,
    ),
    allocations: planned.allocations,
  }));
  const appealTeam = teams.find((t) => t.id === appeal.taskId)?.key ?? appeal.taskId;
  const retroactive = effectiveFrom < today ? { today, daysLate: Math.round((dayMs(today) - dayMs(effectiveFrom)) / 86_400_000) } : null;
  // a team the correction eliminates had nothing to appeal against until now: its window opens with the correction
  const ownWindow = appealDeadline(today, loaded.version.scheme.appealDays);
  const appealWindows = teams.filter((t) => newlyOut.has(t.id)).map((t) => ({ taskKey: t.key, ...ownWindow }));
  const payload: CorrectionPreview = {
    kind: 'correction',
    appeal: { id: appeal.id, team: appealTeam, grounds: appeal.grounds, reason: appeal.resolution ?? '' },
    replacesVersion: inForce.version,
    effectiveFrom,
    results,
    outcomes,
    changes,
    restored: planned.restored,
    takenBack: planned.takenBack,
    ended: planned.ended,
    given: planned.given,
    appealWindows,
    allocationChanges,
    slurmPlan,
    retroactive,
  };
  if (mode !== 'commit') return answer(mode, payload);

  return db.transaction(async (tx) => {
    const [bumped] = await tx
      .update(stageEvaluations)
      .set({ status: 'published', reopenedForAppeal: null, revision: evaluation.revision + 1, updatedAt: new Date() })
      .where(and(eq(stageEvaluations.id, id), eq(stageEvaluations.revision, input.expectedRevision), eq(stageEvaluations.status, 'reopened')))
      .returning();
    if (!bumped) return { status: 'conflict' as const, message: 'the evaluation changed meanwhile', currentRevision: evaluation.revision };
    const reason = appeal.resolution ?? '';
    const why = `${evaluation.name.ko} 결정 정정 (이의 신청 인용, ${effectiveFrom}부터): ${reason}`;
    const applied = await mutateAllocationsIn(
      tx,
      actor,
      program.slug,
      (list, r) => {
        const out = edit(list, r);
        return out.ok ? out.allocations : out.issues;
      },
      { reason: why, action: 'allocation.stage-decision', auditObject: { type: 'stageEvaluation', id } },
    );
    if (applied.status === 'invalid') throw new Error(`the allocations changed meanwhile: ${applied.issues.map((i) => i.message.en).join('; ')}`);
    for (const taskId of restoredIds) {
      const res = await reinstateTaskIn(tx, actor, taskId, statusBefore.get(taskId)!, why);
      if (res.status === 'conflict') throw new Error(res.message);
    }
    for (const taskId of newlyOut) {
      const res = await setTaskStatusIn(tx, actor, taskId, 'eliminated', why);
      if (res.status === 'conflict') throw new Error(res.message);
    }
    await tx
      .insert(stageEvaluationDecisionVersions)
      .values({ evaluationId: id, version: inForce.version, decision: JSON.parse(JSON.stringify(inForce)) as Record<string, unknown> });
    const correction: DecisionCorrection = {
      appealId: appeal.id,
      team: appealTeam,
      reason,
      replacesVersion: inForce.version,
      effectiveFrom,
      changes: changes.map((c) => ({ taskKey: c.taskKey, before: c.before, after: c.after })),
      restored: planned.restored,
      takenBack: planned.takenBack,
      ended: planned.ended,
      given: planned.given,
      appealWindows,
    };
    const endedChanges = applied.status === 'committed' ? applied.changes : allocationChanges;
    const enforcement: EnforcementRecord[] = records.map((r) => {
      // the corrected split is what a later correction starts from
      const received = redistributed ? { gpusReceived: (newShares.get(r.taskId) ?? []).map((g) => ({ ...g, from: effectiveFrom })) } : {};
      if (restoredIds.has(r.taskId)) {
        return {
          ...r,
          ...received,
          action: 'continue',
          statusAfter: statusBefore.get(r.taskId)!,
          allocationsStarted: planned.restored
            .filter((x) => x.taskKey === r.taskKey)
            .map((x) => ({ allocationId: '', poolKey: x.poolKey, gpus: x.gpus, startsOn: x.start })),
        };
      }
      if (newlyOut.has(r.taskId)) {
        return {
          taskId: r.taskId,
          taskKey: r.taskKey,
          action: 'eliminate',
          statusBefore: r.statusAfter,
          statusAfter: 'eliminated',
          allocationsEnded: endedChanges
            .filter((c) => c.before?.taskId === r.taskId)
            .map((c) => ({
              allocationId: c.allocationId,
              poolKey: c.before!.poolKey,
              gpus: c.before!.gpus,
              endedOn: c.after ? c.after.end : addDays(c.before!.start, -1),
            })),
          allocationsStarted: [],
        };
      }
      return r.action === 'continue' ? { ...r, ...received } : r;
    });
    await tx
      .update(stageEvaluationDecisions)
      .set({
        version: inForce.version + 1,
        correction,
        proposal: results.proposal,
        results: {
          results: results.results,
          average: results.average,
          probabilityLast: results.probabilityLast,
          probabilityLastNote: results.probabilityLastNote,
        },
        outcomes,
        departureReason: departures.length ? departureReason : null,
        enforcement,
        slurmPlan: slurmPlan.ko,
        retroactiveReason: retroactive ? input.retroactiveReason!.trim() : null,
        confirmedBy: actor.id,
        confirmedAt: new Date(),
      })
      .where(eq(stageEvaluationDecisions.evaluationId, id));
    await appendAudit(tx, actor, {
      action: 'stageEvaluation.correct',
      objectType: 'stageEvaluation',
      objectId: id,
      before: { version: inForce.version, outcomes: inForce.outcomes.map((o) => ({ team: o.taskKey, outcome: o.outcome })) },
      after: {
        version: inForce.version + 1,
        effectiveFrom,
        appealId: appeal.id,
        changes: correction.changes,
        restored: correction.restored,
        takenBack: correction.takenBack,
        ended: correction.ended,
        given: correction.given,
        appealWindows: correction.appealWindows,
      },
      reason: [reason, retroactive ? `retroactive to ${effectiveFrom}: ${input.retroactiveReason!.trim()}` : ''].filter(Boolean).join('; '),
    });
    // the appealing team and every team whose allocation changes hear what changed and why; a team
    // the correction eliminates also hears why it is out and until when it may appeal
    const gpusDelta = new Map<string, number>();
    for (const r of planned.restored) gpusDelta.set(r.taskKey, Math.max(gpusDelta.get(r.taskKey) ?? 0, r.gpus));
    for (const t of planned.takenBack) gpusDelta.set(t.taskKey, (gpusDelta.get(t.taskKey) ?? 0) - t.gpus);
    for (const g of planned.given) gpusDelta.set(g.taskKey, (gpusDelta.get(g.taskKey) ?? 0) + g.gpus);
    const endedGpus = new Map<string, number>();
    for (const e of planned.ended) endedGpus.set(`${e.taskKey}/${e.poolKey}`, (endedGpus.get(`${e.taskKey}/${e.poolKey}`) ?? 0) + e.gpus);
    for (const [k, gpus] of endedGpus) {
      const key = k.split('/')[0]!;
      gpusDelta.set(key, (gpusDelta.get(key) ?? 0) - gpus);
    }
    const received = new Set(planned.given.map((g) => g.taskKey));
    const told = new Set([appealTeam, ...gpusDelta.keys(), ...appealWindows.map((w) => w.taskKey)]);
    for (const key of told) {
      const task = teams.find((t) => t.key === key);
      if (!task) continue;
      const window = appealWindows.find((w) => w.taskKey === key);
      const outcome = outcomes.find((o) => o.taskKey === key);
      await notifyAll(tx, await taskRecipients(tx, task.id), {
        notice: {
          kind: 'decision-corrected',
          params: {
            evaluation: evaluation.name,
            team: key,
            outcome: outcome?.outcome ?? 'continue',
            reason,
            effectiveFrom,
            gpusDelta: gpusDelta.get(key) ?? 0,
            ...(received.has(key) && !restoredIds.has(task.id) ? { received: true } : {}),
            ...(window ? { reasons: outcome?.reasons ?? [], appealClosesAt: window.closesAt } : {}),
          },
        },
        link: `/stage-evaluations/${id}/teams/${key}`,
      });
    }
    return { status: 'committed' as const, ...payload, allocationChanges: applied.status === 'committed' ? applied.changes : [] };
  });
}
