import type { Allocation } from '@stagegate/core/allocation/allocation';
import type { AllocationChange } from '@stagegate/core/allocation/allocation-diff';
import { addDays } from '@stagegate/core/allocation/calendar-day';
import type { ChangeRequest } from '@stagegate/core/allocation/change-request';
import { endingRequests } from '@stagegate/core/allocation/ending-requests';
import { freeGpusOn, gpusHeldOn } from '@stagegate/core/allocation/free-gpus';
import type { AllocationIssue } from '@stagegate/core/allocation/validate-allocations';
import type { ProgramDefinition } from '@stagegate/core/program/definition';
import { proposeRedistribution, type OfficeAmounts, type PoolRedistribution } from '@stagegate/core/stage-evaluation/redistribution';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import type { EnforcementRecord } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { applyDecidedChangesIn, previewDecidedChanges } from '../allocations/change-request-store.ts';
import type { EnforcementInputs } from '../allocations/slurm-limits-source.ts';
import { slurmPlanFor } from '../allocations/slurm-plan-preview.ts';
import { setTaskStatusIn } from '../allocations/task-blocking.ts';
import type { TaskRow } from './evaluation-store.ts';

/*
 * A decision is enforced through the allocation service, not beside it: an eliminated task's GPUs
 * are reclaimed from the day after the decision by core's change-request rule (allocations not yet
 * started are removed, running ones end on the decision day with their budget shared by days), then
 * the program's redistribution rule hands them to the remaining teams as supplements from the same
 * day, all with the allocations' capacity checks, ledger and audit; the task becomes `eliminated`
 * through the task-status service so the desired Slurm state blocks its new jobs, and the remaining
 * teams' raised limits are in the same desired state.
 */

/** What the decision settles: each task's outcome and rank, and the office's amounts where it decides them. */
export interface DecisionEffects {
  outcomes: ReadonlyMap<string, 'continue' | 'eliminate'>;
  /** competition rank on the stage's points, by task id */
  ranks: ReadonlyMap<string, number>;
  amounts?: OfficeAmounts | undefined;
}

export interface PlannedEnforcement {
  records: EnforcementRecord[];
  /** the allocation changes, as the allocation ledger will record them */
  allocationChanges: AllocationChange[];
  /** GPUs the eliminated teams give back to each pool from the day after the decision (before any redistribution) */
  gpusReturned: Record<string, number>;
  /** how the returned GPUs go to the remaining teams, per pool (empty when the program keeps them in the pool) */
  redistribution: PoolRedistribution[];
  freeBefore: Record<string, number>;
  freeAfter: Record<string, number>;
  /** what Slurm must change, read from the desired state before and after (Korean and English) */
  slurmPlan: { ko: string[]; en: string[] };
}

const eliminatedIds = (outcomes: ReadonlyMap<string, 'continue' | 'eliminate'>) =>
  new Set([...outcomes].filter(([, o]) => o === 'eliminate').map(([id]) => id));

/**
 * What confirming the decision does, computed before anything changes: the allocation changes the
 * allocation service would make, each team's record (allocations ended, next-phase allocations
 * kept, GPUs received), the GPUs back in each pool and where the redistribution sends them, and the
 * Slurm plan between the desired state the day after the decision without it and with it. The
 * office's redistribution amounts, when refused, come back as field issues.
 */
export async function planEnforcement(
  db: Db | Tx,
  program: ProgramDefinition,
  teams: readonly TaskRow[],
  effects: DecisionEffects,
  decidedOn: string,
): Promise<PlannedEnforcement | { issues: AllocationIssue[] } | { fieldIssues: FieldIssue[] }> {
  const eliminated = eliminatedIds(effects.outcomes);
  const requests = decisionRequests(program, teams, effects, decidedOn);
  const decided = await previewDecidedChanges(db, program.slug, requests.of);
  if (!decided) return { issues: [{ allocationId: '', field: 'program', message: { ko: '사업이 없습니다', en: 'no such program' }, involved: [] }] };
  if (requests.issues.length) return { fieldIssues: requests.issues };
  if (!decided.ok) return { issues: decided.issues };
  const records: EnforcementRecord[] = teams.map((task) => {
    if (!eliminated.has(task.id)) {
      return {
        taskId: task.id,
        taskKey: task.key,
        action: 'continue',
        statusBefore: task.status,
        statusAfter: task.status,
        allocationsEnded: [],
        allocationsStarted: decided.after
          .filter((a) => a.taskId === task.id && a.start > decidedOn && decided.before.some((b) => b.id === a.id))
          .map((a) => ({ allocationId: a.id, poolKey: a.poolKey, gpus: a.gpus, startsOn: a.start })),
        gpusReceived: requests.pools.flatMap((p) =>
          p.shares.filter((x) => x.team === task.key && x.gpus > 0).map((x) => ({ poolKey: p.poolKey, gpus: x.gpus, from: p.effectiveFrom })),
        ),
      };
    }
    return {
      taskId: task.id,
      taskKey: task.key,
      action: 'eliminate',
      statusBefore: task.status,
      statusAfter: 'eliminated',
      allocationsEnded: decided.changes
        .filter((c) => c.before?.taskId === task.id)
        .map((c) => ({
          allocationId: c.allocationId,
          poolKey: c.before!.poolKey,
          gpus: c.before!.gpus,
          endedOn: c.after ? c.after.end : addDays(c.before!.start, -1),
        })),
      allocationsStarted: [],
    };
  });
  const dayAfter = addDays(decidedOn, 1);
  const freeBefore = freeGpusOn(program, decided.before, dayAfter);
  const freeAfter = freeGpusOn(program, decided.after, dayAfter);
  const gpusReturned: Record<string, number> = {};
  for (const p of program.gpuPools) {
    const back = gpusHeldOn(
      decided.before.filter((a) => eliminated.has(a.taskId)),
      p.key,
      dayAfter,
    );
    if (back > 0) gpusReturned[p.key] = back;
  }
  const replaced = new Set(decided.before.map((a) => a.id));
  const assuming = (inputs: EnforcementInputs): EnforcementInputs => ({
    tasks: inputs.tasks.map((t) => (eliminated.has(t.id) ? { ...t, status: 'eliminated' } : t)),
    allocations: [...inputs.allocations.filter((a) => !replaced.has(a.id)), ...decided.after],
  });
  const slurmPlan = await slurmPlanFor(db, program.slug, dayAfter, assuming);
  return { records, allocationChanges: decided.changes, gpusReturned, redistribution: requests.pools, freeBefore, freeAfter, slurmPlan };
}

/**
 * The change requests a decision makes, computed from the allocations as they stand when applied
 * (preview, and again under the lock at commit): the eliminations first, so their GPUs are back in
 * the pool, then the redistribution's supplements. `pools` and `issues` tell what the last call saw.
 */
function decisionRequests(program: ProgramDefinition, teams: readonly TaskRow[], effects: DecisionEffects, decidedOn: string) {
  const eliminated = eliminatedIds(effects.outcomes);
  const seen: { pools: PoolRedistribution[]; issues: FieldIssue[]; of: (current: readonly Allocation[]) => ChangeRequest[] } = {
    pools: [],
    issues: [],
    of: (current) => {
      const out = proposeRedistribution({
        rule: program.redistribution,
        pools: program.gpuPools,
        allocations: current,
        eliminated,
        recipients: teams
          .filter((t) => effects.outcomes.get(t.id) === 'continue')
          .map((t) => ({ taskId: t.id, team: t.key, rank: effects.ranks.get(t.id) ?? Number.MAX_SAFE_INTEGER })),
        decidedOn,
        amounts: effects.amounts,
        phaseCaps: Object.fromEntries(program.phases.flatMap((p) => (p.maxGpusPerTask ? [[p.key, p.maxGpusPerTask.gpus]] : []))),
      });
      seen.pools = out.ok ? out.pools : [];
      seen.issues = out.ok ? [] : out.issues;
      return [...endingRequests(current, eliminated, decidedOn), ...(out.ok ? out.requests : [])];
    },
  };
  return seen;
}

/**
 * Applies the decision inside its transaction: the eliminated tasks' allocations end on the decision
 * day and the redistribution raises the remaining teams' through the allocation service (re-checked
 * under the program's lock), then the eliminated tasks become `eliminated`. Answers the issues when the allocations no longer allow it.
 */
export async function enforceDecision(
  tx: Tx,
  actor: Actor,
  program: ProgramDefinition,
  evaluationId: string,
  teams: readonly TaskRow[],
  effects: DecisionEffects,
  decidedOn: string,
  reason: string,
): Promise<{ ok: true } | { ok: false; issues: AllocationIssue[]; message?: string }> {
  const eliminated = eliminatedIds(effects.outcomes);
  const requests = decisionRequests(program, teams, effects, decidedOn);
  const applied = await applyDecidedChangesIn(tx, actor, program.slug, requests.of, {
    reason,
    action: 'allocation.stage-decision',
    auditObject: { type: 'stageEvaluation', id: evaluationId },
  });
  if (requests.issues.length) return { ok: false, issues: [], message: requests.issues.map((i) => i.message.en).join('; ') };
  if (applied && !applied.ok) return { ok: false, issues: applied.issues };
  for (const task of teams.filter((t) => eliminated.has(t.id))) {
    const res = await setTaskStatusIn(tx, actor, task.id, 'eliminated', reason);
    if (res.status === 'conflict') return { ok: false, issues: [], message: `${task.key}: ${res.message}` };
  }
  return { ok: true };
}
