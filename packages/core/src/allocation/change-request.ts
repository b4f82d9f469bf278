import { z } from 'zod';
import { addDays, daysInclusive, isCalendarDay } from './calendar-day.ts';
import { describeAllocation, type Allocation, type AllocationRules } from './allocation.ts';
import { diffAllocations, type AllocationChange } from './allocation-diff.ts';
import { validateAllocations, type AllocationIssue } from './validate-allocations.ts';
import { particle } from '../shared/korean-particles.ts';

const day = z.string().refine(isCalendarDay, 'expected a date YYYY-MM-DD');
const id = z.string().min(1);
const positive = z.number().int().positive();

/**
 * A change to a program's allocations, asked for by the task or the office and applied only when
 * the operator approves it. `effectiveFrom` (a day inside the allocation) splits the allocation so
 * the change holds from that day on; without it the change holds for the whole allocation.
 */
export const changeRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('supplement'),
    allocationId: id,
    addGpus: z.number().int().nonnegative(),
    addGpuMinutes: z.number().int().nonnegative().optional(),
    effectiveFrom: day.optional(),
  }),
  z.object({ kind: z.literal('extension'), allocationId: id, newEnd: day }),
  z.object({ kind: z.literal('transfer'), fromAllocationId: id, toAllocationId: id, gpus: positive, effectiveFrom: day.optional() }),
  z.object({
    kind: z.literal('reduction'),
    allocationId: id,
    removeGpus: z.number().int().nonnegative(),
    removeGpuMinutes: z.number().int().nonnegative().optional(),
    effectiveFrom: day.optional(),
  }),
  z.object({
    kind: z.literal('reclaim'),
    allocationId: id,
    removeGpus: z.number().int().nonnegative(),
    removeGpuMinutes: z.number().int().nonnegative().optional(),
    effectiveFrom: day.optional(),
  }),
]);
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

export interface ChangeOutcome {
  ok: boolean;
  allocations: Allocation[];
  changes: AllocationChange[];
  issues: AllocationIssue[];
}

type IdSource = () => string;

const refuse = (list: readonly Allocation[], allocationId: string, field: string, ko: string, en: string): ChangeOutcome => ({
  ok: false,
  allocations: [...list],
  changes: [],
  issues: [{ allocationId, field, message: { ko, en }, involved: [allocationId] }],
});

/**
 * Changes an allocation's concurrent GPUs and budget from `from` on: in place when `from` is its
 * first day (or absent), otherwise split in two at `from`. The budget of a split allocation is
 * shared by days, so the two parts add up to the old budget (plus the change).
 */
function changeFrom(
  list: Allocation[],
  a: Allocation,
  from: string | undefined,
  gpuDelta: number,
  minuteDelta: number,
  newId: IdSource,
): Allocation[] | string {
  const at = from && from > a.start ? from : a.start;
  if (at > a.end) return `effectiveFrom ${at} is after the allocation ends (${a.end})`;
  const apply = (x: Allocation): Allocation => ({
    ...x,
    gpus: x.gpus + gpuDelta,
    gpuMinutes: x.gpuMinutes === null ? (minuteDelta > 0 ? minuteDelta : null) : x.gpuMinutes + minuteDelta,
  });
  const rest = list.filter((x) => x.id !== a.id);
  const pieces: Allocation[] = [];
  if (at === a.start) pieces.push(apply(a));
  else {
    const earlyDays = daysInclusive(a.start, addDays(at, -1));
    const earlyBudget = a.gpuMinutes === null ? null : Math.floor((a.gpuMinutes * earlyDays) / daysInclusive(a.start, a.end));
    pieces.push({ ...a, end: addDays(at, -1), gpuMinutes: earlyBudget });
    pieces.push(apply({ ...a, id: newId(), start: at, gpuMinutes: a.gpuMinutes === null ? null : a.gpuMinutes - earlyBudget! }));
  }
  const last = pieces[pieces.length - 1]!;
  if (last.gpuMinutes !== null && last.gpuMinutes < 0) return `the budget would fall below zero (${last.gpuMinutes} GPU-minutes)`;
  if (last.gpus < 0) return `the allocation would fall below zero GPUs (${last.gpus})`;
  // taking every GPU away ends the allocation from that day
  const kept = last.gpus === 0 ? pieces.slice(0, -1) : pieces;
  return [...rest, ...kept];
}

/**
 * Applies a change request to the current allocations of a program: the new set, what changed, and
 * whether the new set keeps every rule (judged on the allocations the change touches).
 */
export function applyChangeRequest(current: readonly Allocation[], request: ChangeRequest, rules: AllocationRules, newId: IdSource): ChangeOutcome {
  const list = [...current];
  const find = (allocationId: string) => list.find((a) => a.id === allocationId);
  let next: Allocation[] | string;

  switch (request.kind) {
    case 'supplement': {
      const a = find(request.allocationId);
      if (!a)
        return refuse(
          list,
          request.allocationId,
          'allocationId',
          `배정 ${request.allocationId}${particle(request.allocationId, '이/가')} 없습니다`,
          `no allocation ${request.allocationId}`,
        );
      if (request.addGpus === 0 && !request.addGpuMinutes)
        return refuse(list, a.id, 'addGpus', '추가할 GPU나 GPU-분이 없습니다', 'nothing to add: give GPUs or GPU-minutes');
      next = changeFrom(list, a, request.effectiveFrom, request.addGpus, request.addGpuMinutes ?? 0, newId);
      break;
    }
    case 'extension': {
      const a = find(request.allocationId);
      if (!a)
        return refuse(
          list,
          request.allocationId,
          'allocationId',
          `배정 ${request.allocationId}${particle(request.allocationId, '이/가')} 없습니다`,
          `no allocation ${request.allocationId}`,
        );
      if (request.newEnd <= a.end) {
        return refuse(
          list,
          a.id,
          'newEnd',
          `${describeAllocation(a)}: 새 종료일 ${request.newEnd}${particle(request.newEnd, '이/가')} 현재 종료일 ${a.end}보다 늦어야 합니다`,
          `${describeAllocation(a)}: the new end ${request.newEnd} must be after the current end ${a.end}`,
        );
      }
      next = list.map((x) => (x.id === a.id ? { ...x, end: request.newEnd } : x));
      break;
    }
    case 'transfer': {
      const from = find(request.fromAllocationId);
      const to = find(request.toAllocationId);
      if (!from)
        return refuse(
          list,
          request.fromAllocationId,
          'fromAllocationId',
          `배정 ${request.fromAllocationId}${particle(request.fromAllocationId, '이/가')} 없습니다`,
          `no allocation ${request.fromAllocationId}`,
        );
      if (!to)
        return refuse(
          list,
          request.toAllocationId,
          'toAllocationId',
          `배정 ${request.toAllocationId}${particle(request.toAllocationId, '이/가')} 없습니다`,
          `no allocation ${request.toAllocationId}`,
        );
      if (from.id === to.id || from.taskId === to.taskId)
        return refuse(list, to.id, 'toAllocationId', '같은 과제 안에서는 이전할 수 없습니다', 'a transfer goes between two different tasks');
      if (from.poolKey !== to.poolKey)
        return refuse(list, to.id, 'toAllocationId', '같은 GPU 풀의 배정끼리만 이전할 수 있습니다', 'a transfer stays within one GPU pool');
      const taken = changeFrom(list, from, request.effectiveFrom, -request.gpus, 0, newId);
      if (typeof taken === 'string') return refuse(list, from.id, 'gpus', `${describeAllocation(from)}: ${taken}`, `${describeAllocation(from)}: ${taken}`);
      next = changeFrom(
        taken,
        taken.find((x) => x.id === to.id)!,
        request.effectiveFrom,
        request.gpus,
        0,
        newId,
      );
      break;
    }
    case 'reduction':
    case 'reclaim': {
      const a = find(request.allocationId);
      if (!a)
        return refuse(
          list,
          request.allocationId,
          'allocationId',
          `배정 ${request.allocationId}${particle(request.allocationId, '이/가')} 없습니다`,
          `no allocation ${request.allocationId}`,
        );
      if (request.removeGpus === 0 && !request.removeGpuMinutes)
        return refuse(list, a.id, 'removeGpus', '줄일 GPU나 GPU-분이 없습니다', 'nothing to take back: give GPUs or GPU-minutes');
      if (request.removeGpuMinutes && a.gpuMinutes === null) {
        // a budget cut on an allocation without a budget sets one: what it could use, minus the cut
        const full = a.gpus * daysInclusive(a.start, a.end) * 1440;
        const withBudget = { ...a, gpuMinutes: full };
        next = changeFrom(
          list.map((x) => (x.id === a.id ? withBudget : x)),
          withBudget,
          request.effectiveFrom,
          -request.removeGpus,
          -request.removeGpuMinutes,
          newId,
        );
      } else {
        next = changeFrom(list, a, request.effectiveFrom, -request.removeGpus, -(request.removeGpuMinutes ?? 0), newId);
      }
      break;
    }
  }
  if (typeof next === 'string') {
    const subject = 'allocationId' in request ? request.allocationId : request.fromAllocationId;
    const a = find(subject)!;
    return refuse(list, subject, 'effectiveFrom', `${describeAllocation(a)}: ${next}`, `${describeAllocation(a)}: ${next}`);
  }
  const changes = diffAllocations(current, next);
  const touched = new Set(changes.map((c) => c.allocationId));
  const issues = validateAllocations(next, rules, touched).filter((i) => !(changes.find((c) => c.allocationId === i.allocationId)?.kind === 'removed'));
  return { ok: issues.length === 0, allocations: next, changes, issues };
}

/** Which task a request is about (the one whose member may ask for it); for a transfer, the receiver. */
export function requestSubject(request: ChangeRequest): string {
  return request.kind === 'transfer' ? request.toAllocationId : request.allocationId;
}
