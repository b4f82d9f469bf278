import type { Allocation, AllocationRules } from '../allocation/allocation.ts';
import { addDays, daysInclusive } from '../allocation/calendar-day.ts';
import { applyChangeRequest } from '../allocation/change-request.ts';
import type { AllocationIssue } from '../allocation/validate-allocations.ts';
import { apportionNodes, weightsFor, type RedistributionRule } from './redistribution.ts';

export type Outcome = 'continue' | 'eliminate';

export interface OutcomeChange {
  taskId: string;
  taskKey: string;
  before: Outcome;
  after: Outcome;
}

/** Teams whose outcome the re-proposed decision changes, in the order of the new outcomes. */
export function outcomeChanges(
  inForce: readonly { taskId: string; taskKey: string; outcome: Outcome }[],
  proposed: readonly { taskId: string; taskKey: string; outcome: Outcome }[],
): OutcomeChange[] {
  const old = new Map(inForce.map((o) => [o.taskId, o.outcome]));
  return proposed.flatMap((p) => {
    const before = old.get(p.taskId);
    return before && before !== p.outcome ? [{ taskId: p.taskId, taskKey: p.taskKey, before, after: p.outcome }] : [];
  });
}

export interface ReopenInput {
  /** the program's allocations now, with the corrected decision's eliminations in force */
  current: readonly Allocation[];
  /** each team that continues after all: its allocations as they stood before the elimination ended them */
  restore: readonly { taskId: string; heldBefore: readonly Allocation[]; receives?: readonly { poolKey: string; gpus: number }[] }[];
  /** what the redistribution handed each remaining team, per pool: taken back from the same day */
  takeBack: readonly { taskId: string; poolKey: string; gpus: number }[];
  /** the first day the correction holds (after the corrected decision's day) */
  effectiveFrom: string;
}

export interface ReopenEffect {
  restored: { taskKey: string; poolKey: string; phaseKey: string; gpus: number; start: string; end: string }[];
  takenBack: { taskKey: string; poolKey: string; gpus: number; from: string }[];
}

export type ReopenOutcome = ({ ok: true; allocations: Allocation[] } & ReopenEffect) | { ok: false; issues: AllocationIssue[] };

/**
 * What reversing an elimination does from `effectiveFrom`: the GPUs the redistribution handed on go
 * back from each remaining team's allocations in that pool (by core's reduction rule, so budgets
 * are shared by days), then the restored team holds again, from that day to their old end, exactly
 * the allocations it held before (their budget shared by days). The days between the corrected
 * decision and `effectiveFrom` are not given back: they are past and were used by others.
 */
export function reopenAllocations(input: ReopenInput, rules: AllocationRules, newId: () => string): ReopenOutcome {
  const from = input.effectiveFrom;
  let list = [...input.current];
  const takenBack: ReopenEffect['takenBack'] = [];
  for (const t of input.takeBack) {
    if (t.gpus <= 0) continue;
    const theirs = list.filter((a) => a.taskId === t.taskId && a.poolKey === t.poolKey && a.end >= from);
    for (const a of theirs) {
      const gpus = Math.min(t.gpus, a.gpus);
      const start = a.start > from ? a.start : from;
      const removeGpuMinutes = a.gpuMinutes === null ? undefined : Math.min(gpus * daysInclusive(start, a.end) * 1440, a.gpuMinutes);
      const out = applyChangeRequest(
        list,
        { kind: 'reduction', allocationId: a.id, removeGpus: gpus, ...(removeGpuMinutes ? { removeGpuMinutes } : {}), effectiveFrom: from },
        rules,
        newId,
      );
      if (!out.ok) return { ok: false, issues: out.issues };
      list = out.allocations;
    }
    if (theirs.length) takenBack.push({ taskKey: theirs[0]!.taskKey, poolKey: t.poolKey, gpus: t.gpus, from });
  }
  const restored: ReopenEffect['restored'] = [];
  for (const r of input.restore) {
    for (const h of r.heldBefore) {
      if (h.end < from) continue;
      const start = h.start > from ? h.start : from;
      const gpuMinutes = h.gpuMinutes === null ? null : Math.floor((h.gpuMinutes * daysInclusive(start, h.end)) / daysInclusive(h.start, h.end));
      // the piece the elimination left (ending before `from`) stays as it is: a new allocation carries the rest
      const early = list.find((a) => a.id === h.id);
      if (early && early.end >= from) {
        return {
          ok: false,
          issues: [
            {
              allocationId: h.id,
              field: 'effectiveFrom',
              message: { ko: `${h.taskKey} 팀의 배분이 ${early.end}까지 이미 유효합니다`, en: `${h.taskKey}'s allocation already runs until ${early.end}` },
              involved: [h.id],
            },
          ],
        };
      }
      // its share of the GPUs still handed on (from teams that stay eliminated), like any remaining team's
      const extra = r.receives?.find((x) => x.poolKey === h.poolKey)?.gpus ?? 0;
      const days = daysInclusive(start, h.end);
      const budget = gpuMinutes === null ? null : gpuMinutes + extra * days * 1440;
      list.push({ ...h, id: newId(), start, gpus: h.gpus + extra, gpuMinutes: budget });
      restored.push({ taskKey: h.taskKey, poolKey: h.poolKey, phaseKey: h.phaseKey, gpus: h.gpus + extra, start, end: h.end });
    }
  }
  return { ok: true, allocations: list, restored, takenBack };
}

/** The first day a correction may hold: the day after the decision it corrects, or today when later. */
export const earliestCorrection = (decidedOn: string, today: string) => {
  const next = addDays(decidedOn, 1);
  return next > today ? next : today;
};

/**
 * The shares the corrected decision hands on in one pool: the GPUs of the teams that stay
 * eliminated, split by the program's rule among the teams that now remain (the restored team
 * among them), on what each held before the redistribution. Under `office-decides` the office's
 * amounts shrink with what is handed on, in whole nodes (it set them for a larger return).
 */
export function correctedShares(input: {
  rule: RedistributionRule;
  gpusPerNode: number;
  /** GPUs the teams that stay eliminated gave back in the pool */
  returned: number;
  /** what the first decision gave each team */
  oldShares: Readonly<Record<string, number>>;
  oldReturned: number;
  recipients: readonly { team: string; rank: number; before: number }[];
}): Map<string, number> {
  const { rule, gpusPerNode, returned } = input;
  if (returned <= 0 || input.recipients.length === 0) return new Map(input.recipients.map((r) => [r.team, 0]));
  if (rule.rule === 'office-decides') {
    const scale = input.oldReturned > 0 ? returned / input.oldReturned : 0;
    return new Map(input.recipients.map((r) => [r.team, Math.floor(((input.oldShares[r.team] ?? 0) * scale) / gpusPerNode) * gpusPerNode]));
  }
  const nodes = apportionNodes(
    Math.floor(returned / gpusPerNode),
    weightsFor(
      rule,
      input.recipients.map((r) => ({ ...r, taskId: r.team })),
    ),
    rule.remainder,
  );
  return new Map([...nodes].map(([team, n]) => [team, n * gpusPerNode]));
}
