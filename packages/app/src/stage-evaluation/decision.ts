import { and, eq } from 'drizzle-orm';
import { appealDeadline } from '@stagegate/core/stage-evaluation/appeals';
import { gpuDaysReturnedLate, wasRunningBefore } from '@stagegate/core/stage-evaluation/retroactive-effect';
import { issue, type FieldIssue } from '@stagegate/core/shared/localized';
import type { AllocationIssue } from '@stagegate/core/allocation/validate-allocations';
import type { Db } from '../db/connect.ts';
import { stageEvaluationDecisions, stageEvaluations, type DecisionOutcomeRecord } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { seoulToday } from '../db/clock.ts';
import { loadEvaluation } from './evaluation-store.ts';
import { answer, invalidResult, type MutationMode, type StageMutation } from './mutation.ts';
import { settleOutcomes } from '@stagegate/core/stage-evaluation/settle-outcomes';
import { defaultDecisionDay } from '@stagegate/core/stage-evaluation/decision-day';
import { computeResults, loadRawInputs, type StageResults } from './results.ts';
import { enforceDecision, planEnforcement, type DecisionEffects, type PlannedEnforcement } from './decision-enforcement.ts';
import { lockProgramAllocations } from '../allocations/allocation-store.ts';
import { confirmCorrection, type CorrectionPreview } from './correction.ts';

export type Outcome = 'continue' | 'eliminate';

export interface DecisionInput {
  /** the day the decision takes effect (Seoul calendar day); today (database clock) when absent */
  decidedOn?: string;
  /** required when decidedOn is already past: why the decision takes effect retroactively */
  retroactiveReason?: string;
  /** the operator's outcome per task key where it departs from the proposal (or settles a tie) */
  overrides?: Record<string, Outcome>;
  departureReason?: string;
  /** under a program whose office decides the redistribution: GPUs per pool, then per remaining team */
  redistribution?: { amounts: Record<string, Record<string, number>> };
  expectedRevision: number;
}

export interface DecisionPreview {
  decidedOn: string;
  schemeVersion: number;
  results: StageResults;
  outcomes: DecisionOutcomeRecord[];
  /** task keys where the operator departs from the proposal */
  departures: string[];
  enforcement: PlannedEnforcement;
  /** the appeal window starts at publication: its length, and when it would close if published today */
  appealDays: number;
  appealClosesIfPublishedToday: string;
  /** what a day already past does: allocations that end before today, GPU-days handed back late */
  retroactive: RetroactiveEffect | null;
}

export interface RetroactiveEffect {
  today: string;
  daysLate: number;
  allocationsEndingInPast: { taskKey: string; poolKey: string; gpus: number; endedOn: string }[];
  /** GPUs × days strictly between the decision day and today that the eliminated teams held after it */
  gpuDaysReturnedLate: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MIN_REASON = 10;

/**
 * The operator confirms the decision the policy implies, or departs from it with a written reason.
 * validate → preview (the outcomes, the Slurm plan and the allocations that end) → commit, which
 * applies it in the same transaction: eliminated tasks' allocations end on the decision day, their
 * GPUs return to the pool and go out again to the remaining teams by the program's redistribution
 * rule (shown in the preview), and the tasks become `eliminated` so Slurm blocks their new jobs.
 */
export async function confirmDecision(
  db: Db,
  actor: Actor,
  id: string,
  input: DecisionInput,
  mode: MutationMode,
): Promise<StageMutation<DecisionPreview | CorrectionPreview>> {
  const loaded = await loadEvaluation(db, id);
  if (!loaded) return invalidResult(issue('id', '단계 평가가 없습니다', 'no such stage evaluation'));
  const { evaluation, program, teams, version } = loaded;
  const today = await seoulToday(db);
  // reopened by an upheld appeal: the re-proposed decision replaces the one in force
  if (evaluation.status === 'reopened') return confirmCorrection(db, actor, loaded, today, input, mode);
  if (evaluation.status !== 'open') return invalidResult(issue('status', '이미 결정이 확정된 평가입니다', 'the decision is already confirmed'));
  const decidedOn = input.decidedOn ?? defaultDecisionDay(today, evaluation.periodEnd);
  const issues: FieldIssue[] = [];
  if (!ISO_DATE.test(decidedOn) || Number.isNaN(Date.parse(`${decidedOn}T00:00:00Z`)))
    issues.push(issue('decidedOn', '날짜(YYYY-MM-DD)가 아닙니다', 'not a date YYYY-MM-DD'));
  else {
    if (decidedOn < evaluation.periodStart)
      issues.push(issue('decidedOn', '결정일이 평가 기간보다 앞섭니다', 'the decision day is before the evaluation period'));
    if (decidedOn > today && decidedOn > evaluation.periodEnd) {
      issues.push(
        issue(
          'decidedOn',
          `결정일은 오늘 또는 평가 기간 종료일(${evaluation.periodEnd}) 이후일 수 없습니다`,
          `the decision day cannot be after today or the end of the evaluation period (${evaluation.periodEnd})`,
        ),
      );
    }
    if (decidedOn < today && (input.retroactiveReason?.trim().length ?? 0) < MIN_REASON) {
      issues.push(
        issue(
          'retroactiveReason',
          `지난 날짜(${decidedOn})로 결정하려면 사유를 ${MIN_REASON}자 이상 적어야 합니다`,
          `a decision dated in the past (${decidedOn}) needs a written reason of at least ${MIN_REASON} characters`,
        ),
      );
    }
  }
  const results = computeResults(loaded, await loadRawInputs(db, id));
  const overrides = input.overrides ?? {};
  const settled = settleOutcomes(results, teams, overrides);
  issues.push(...settled.issues);
  const { outcomes } = settled;
  const departures = outcomes.filter((o) => o.outcome !== o.proposed || results.proposal.unresolvedTie.includes(o.taskKey)).map((o) => o.taskKey);
  const reason = input.departureReason?.trim() ?? '';
  if (departures.length && reason.length < MIN_REASON) {
    issues.push(
      issue(
        'departureReason',
        `제안과 다르게 결정하려면 사유를 ${MIN_REASON}자 이상 적어야 합니다`,
        `departing from the proposal needs a written reason of at least ${MIN_REASON} characters`,
      ),
    );
  }
  if (issues.length) return invalidResult(...issues);
  if (evaluation.revision !== input.expectedRevision) {
    return {
      status: 'conflict',
      message: `the inputs changed since you looked (revision ${evaluation.revision}, you saw ${input.expectedRevision})`,
      currentRevision: evaluation.revision,
    };
  }
  const effects: DecisionEffects = {
    outcomes: new Map(outcomes.map((o) => [o.taskId, o.outcome])),
    ranks: new Map(outcomes.map((o) => [o.taskId, o.rank])),
    amounts: input.redistribution?.amounts,
  };
  const planned = await planEnforcement(db, program, teams, effects, decidedOn);
  if ('fieldIssues' in planned) return invalidResult(...planned.fieldIssues);
  if ('issues' in planned) return invalidResult(...enforcementIssues(planned.issues));
  const enforcement = planned;
  const appealDays = version.scheme.appealDays;
  const retroactive = decidedOn < today ? retroactiveEffect(enforcement, decidedOn, today) : null;
  const payload: DecisionPreview = {
    decidedOn,
    schemeVersion: version.version,
    results,
    outcomes,
    departures,
    enforcement,
    appealDays,
    appealClosesIfPublishedToday: appealDeadline(today, appealDays).closesAt,
    retroactive,
  };
  if (mode !== 'commit') return answer(mode, payload);

  try {
    return await db.transaction(async (tx) => {
      const [bumped] = await tx
        .update(stageEvaluations)
        .set({ status: 'decided', revision: evaluation.revision + 1, updatedAt: new Date() })
        .where(and(eq(stageEvaluations.id, id), eq(stageEvaluations.revision, input.expectedRevision), eq(stageEvaluations.status, 'open')))
        .returning();
      if (!bumped) return { status: 'conflict' as const, message: 'the evaluation changed meanwhile', currentRevision: evaluation.revision + 1 };
      // planned again under the program's allocation lock: the record says what was really applied
      await lockProgramAllocations(tx, program.slug);
      const applied = await planEnforcement(tx, program, teams, effects, decidedOn);
      if ('fieldIssues' in applied) throw new EnforcementRefused([], applied.fieldIssues.map((i) => i.message.en).join('; '));
      if ('issues' in applied) throw new EnforcementRefused(applied.issues, 'the allocations changed meanwhile');
      await tx.insert(stageEvaluationDecisions).values({
        evaluationId: id,
        decidedOn,
        schemeVersion: version.version,
        proposal: results.proposal,
        results: {
          results: results.results,
          average: results.average,
          probabilityLast: results.probabilityLast,
          probabilityLastNote: results.probabilityLastNote,
        },
        outcomes,
        departureReason: departures.length ? reason : null,
        enforcement: applied.records,
        slurmPlan: applied.slurmPlan.ko,
        appealClosesAt: null, // set when the results are published
        retroactiveReason: retroactive ? input.retroactiveReason!.trim() : null,
        confirmedBy: actor.id,
      });
      await appendAudit(tx, actor, {
        action: 'stageEvaluation.decide',
        objectType: 'stageEvaluation',
        objectId: id,
        before: { proposal: results.proposal.items.map((i) => ({ team: i.team, outcome: i.outcome })) },
        after: {
          decidedOn,
          schemeVersion: version.version,
          outcomes: outcomes.map((o) => ({ team: o.taskKey, outcome: o.outcome, proposed: o.proposed })),
          gpusReturned: applied.gpusReturned,
          redistribution: applied.redistribution.map((p) => ({
            pool: p.poolKey,
            rule: p.rule,
            from: p.effectiveFrom,
            returned: p.returned,
            keptInPool: p.keptInPool,
            shares: p.shares.map((x) => ({ team: x.team, gpus: x.gpus, before: x.before })),
          })),
          retroactive,
        },
        reason: [departures.length ? reason : 'confirmed as proposed', retroactive ? `retroactive to ${decidedOn}: ${input.retroactiveReason!.trim()}` : '']
          .filter(Boolean)
          .join('; '),
      });
      const why = `${evaluation.name.ko} 결정 (${decidedOn})`;
      const enforced = await enforceDecision(tx, actor, program, id, teams, effects, decidedOn, why);
      // the whole decision rolls back when the allocation service refuses its part
      if (!enforced.ok) throw new EnforcementRefused(enforced.issues, enforced.message ?? 'the allocations changed meanwhile');
      return { status: 'committed' as const, ...payload, enforcement: applied };
    });
  } catch (e) {
    if (!(e instanceof EnforcementRefused)) throw e;
    return e.issues.length ? invalidResult(...enforcementIssues(e.issues)) : { status: 'conflict', message: e.message, currentRevision: evaluation.revision };
  }
}

/** Today, or the end of the evaluation period when that is still ahead (the scheme's own date). */
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

/**
 * What dating the decision in the past does: the eliminated teams' allocations that were running
 * after the decision day and now end in the past (shortened, or removed outright when they began
 * after the decision day but before today), and the GPU-days handed back late (core's rule).
 */
function retroactiveEffect(enforcement: PlannedEnforcement, decidedOn: string, today: string): RetroactiveEffect {
  const daysLate = Math.round((dayMs(today) - dayMs(decidedOn)) / 86_400_000);
  const running = new Set(enforcement.allocationChanges.filter((c) => c.before && wasRunningBefore(c.before, today)).map((c) => c.allocationId));
  const ended = enforcement.records.flatMap((r) =>
    r.allocationsEnded.filter((a) => running.has(a.allocationId)).map((a) => ({ taskKey: r.taskKey, poolKey: a.poolKey, gpus: a.gpus, endedOn: a.endedOn })),
  );
  const allocationsEndingInPast = ended.filter((a) => a.endedOn < today);
  // only the eliminated teams' changes: a remaining team's allocation split by the redistribution is not handed back
  const eliminated = new Set(enforcement.records.filter((r) => r.action === 'eliminate').map((r) => r.taskId));
  const theirs = enforcement.allocationChanges.filter((c) => eliminated.has((c.before ?? c.after)!.taskId));
  const gpuDaysLate = gpuDaysReturnedLate(theirs, decidedOn, today);
  return { today, daysLate, allocationsEndingInPast, gpuDaysReturnedLate: gpuDaysLate };
}

class EnforcementRefused extends Error {
  constructor(
    readonly issues: AllocationIssue[],
    message: string,
  ) {
    super(message);
  }
}

/** The allocation service's objections, named under `enforcement` so the form can show them. */
const enforcementIssues = (issues: AllocationIssue[]): FieldIssue[] =>
  issues.map((i) => ({ field: `enforcement.${i.allocationId || 'program'}.${i.field}`, message: i.message }));

export async function getDecision(db: Db, id: string) {
  const [row] = await db.select().from(stageEvaluationDecisions).where(eq(stageEvaluationDecisions.evaluationId, id));
  return row;
}
