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
  /**
   * teams that continued under the decision in force and are eliminated by the correction (an
   * appeal upheld for one team can put another last): every allocation of theirs ends the day
   * before `effectiveFrom`, those not started yet are removed
   */
  end?: readonly string[];
  /** what the corrected redistribution hands a remaining team beyond what it already received, per pool, from the same day */
  give?: readonly { taskId: string; poolKey: string; gpus: number }[];
  /** the first day the correction holds (after the corrected decision's day) */
  effectiveFrom: string;
}

export interface ReopenEffect {
  restored: { taskKey: string; poolKey: string; phaseKey: string; gpus: number; start: string; end: string }[];
  takenBack: { taskKey: string; poolKey: string; gpus: number; from: string }[];
  /** allocations of newly eliminated teams, ended: the GPUs they held on the effective day (0 for one removed before it started) */
  ended: { taskKey: string; poolKey: string; phaseKey: string; gpus: number; from: string }[];
  /** GPUs a remaining team receives beyond its earlier share, from the effective day */
  given: { taskKey: string; poolKey: string; gpus: number; from: string }[];
}

export type ReopenOutcome = ({ ok: true; allocations: Allocation[] } & ReopenEffect) | { ok: false; issues: AllocationIssue[] };

/**
 * What a corrected decision does from `effectiveFrom`. A team the correction newly eliminates has
 * its allocations end (core's reclaim rule, as a first decision ends them); the GPUs the
 * redistribution handed on go back from each remaining team's allocations in that pool (by core's
 * reduction rule, so budgets are shared by days); a team that continues after all holds again, from
 * that day to their old end, exactly the allocations it held before (their budget shared by days);
 * and a remaining team whose corrected share grew receives the difference as a supplement. The
 * days between the corrected decision and `effectiveFrom` are not given back or taken: they are
 * past and were used as the decision in force said.
 */
export function reopenAllocations(input: ReopenInput, rules: AllocationRules, newId: () => string): ReopenOutcome {
  const from = input.effectiveFrom;
  let list = [...input.current];
  // a newly eliminated team gives back first, so what it held is in the pool for the others
  const ended: ReopenEffect['ended'] = [];
  for (const taskId of input.end ?? []) {
    for (const a of list.filter((x) => x.taskId === taskId && x.end >= from)) {
      const out = applyChangeRequest(list, { kind: 'reclaim', allocationId: a.id, removeGpus: a.gpus, effectiveFrom: from }, rules, newId);
      if (!out.ok) return { ok: false, issues: out.issues };
      list = out.allocations;
      ended.push({ taskKey: a.taskKey, poolKey: a.poolKey, phaseKey: a.phaseKey, gpus: a.start <= from ? a.gpus : 0, from });
    }
  }
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
  const given: ReopenEffect['given'] = [];
  for (const g of input.give ?? []) {
    if (g.gpus <= 0) continue;
    const theirs = list.filter((a) => a.taskId === g.taskId && a.poolKey === g.poolKey && a.end >= from);
    for (const a of theirs) {
      const start = a.start > from ? a.start : from;
      // a budgeted allocation gets the budget of the added GPUs for the days they are added, as a first decision's supplement does
      const addGpuMinutes = a.gpuMinutes === null ? undefined : g.gpus * daysInclusive(start, a.end) * 1440;
      const out = applyChangeRequest(
        list,
        { kind: 'supplement', allocationId: a.id, addGpus: g.gpus, ...(addGpuMinutes ? { addGpuMinutes } : {}), effectiveFrom: from },
        rules,
        newId,
      );
      if (!out.ok) return { ok: false, issues: out.issues };
      list = out.allocations;
    }
    if (theirs.length) given.push({ taskKey: theirs[0]!.taskKey, poolKey: g.poolKey, gpus: g.gpus, from });
  }
  return { ok: true, allocations: list, restored, takenBack, ended, given };
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

/**
 * How the corrected split differs from the one in force, in one pool: a team that continues after
 * all receives its new share; every other remaining team gives back what its share shrank by, or
 * receives what it grew by (a newly eliminated team's GPUs are handed on too). A team the
 * correction eliminates is not a recipient: everything it holds ends.
 */
export function correctionTransfers(input: {
  rule: RedistributionRule;
  gpusPerNode: number;
  /** GPUs of every team the corrected decision eliminates, as they held them before any redistribution */
  returned: number;
  oldReturned: number;
  oldShares: Readonly<Record<string, number>>;
  recipients: readonly { taskId: string; team: string; rank: number; before: number; restored: boolean }[];
}): { receives: { taskId: string; gpus: number }[]; takeBack: { taskId: string; gpus: number }[]; give: { taskId: string; gpus: number }[] } {
  const shares = correctedShares(input);
  const out = {
    receives: [] as { taskId: string; gpus: number }[],
    takeBack: [] as { taskId: string; gpus: number }[],
    give: [] as { taskId: string; gpus: number }[],
  };
  for (const r of input.recipients) {
    const now = shares.get(r.team) ?? 0;
    const old = input.oldShares[r.team] ?? 0;
    if (r.restored) out.receives.push({ taskId: r.taskId, gpus: now });
    else if (old > now) out.takeBack.push({ taskId: r.taskId, gpus: old - now });
    else if (now > old) out.give.push({ taskId: r.taskId, gpus: now - old });
  }
  return out;
}
