import type { FieldIssue } from '../shared/localized.ts';
import { dayNumber, dayString, isCalendarDay } from './calendar-day.ts';
import { describeAllocation, type Allocation, type AllocationRules } from './allocation.ts';
import { peakAllocated } from './occupancy.ts';
import type { AllocationIssue } from './validate-allocations.ts';
import { perTaskCapExcess } from './request-limits.ts';
import { particle } from '../shared/korean-particles.ts';

/**
 * The capacity rule, once: what allocations may hold from a pool and what a task may hold in a
 * phase. Allocations, supplements, reclaims, stage decisions and negotiation agreements reach it
 * through validateAllocations; pool edits through poolSizeIssues.
 */

/** An issue about one allocation, with that allocation among those involved. */
export const allocationIssue = (a: Allocation, field: string, ko: string, en: string, extra: Partial<AllocationIssue> = {}): AllocationIssue => ({
  allocationId: a.id,
  field,
  message: { ko, en },
  involved: [a.id],
  ...extra,
});
const issue = allocationIssue;

const usable = (a: Allocation) => isCalendarDay(a.start) && isCalendarDay(a.end) && a.end >= a.start && a.gpus > 0;

/** The days where the held set can change: each start, and the day after each end. */
const boundaries = (held: readonly Allocation[]) => [...new Set(held.flatMap((a) => [dayNumber(a.start), dayNumber(a.end) + 1]))].sort((x, y) => x - y);

/** The allocation that arrived last (latest start, then id) is the one that no longer fits. */
const latest = (active: readonly Allocation[]) => [...active].sort((x, y) => (x.start < y.start ? 1 : x.start > y.start ? -1 : x.id < y.id ? 1 : -1))[0]!;

/**
 * The sum over a pool never exceeds its capacity on any day: a sweep over the days where an
 * allocation starts or ends. One issue per stretch of excess, at its first day, naming the
 * allocations held then.
 */
export function poolCapacityIssues(list: readonly Allocation[], rules: AllocationRules): AllocationIssue[] {
  const out: AllocationIssue[] = [];
  for (const pool of rules.pools) {
    const held = list.filter((a) => a.poolKey === pool.key && usable(a));
    let over = false;
    for (const day of boundaries(held)) {
      const active = held.filter((a) => dayNumber(a.start) <= day && dayNumber(a.end) >= day);
      const total = active.reduce((s, a) => s + a.gpus, 0);
      if (total > pool.gpus && !over) {
        const at = dayString(day);
        const culprit = latest(active);
        const parts = active.map((a) => `${a.taskKey} ${a.gpus}`).join(' + ');
        out.push(
          issue(
            culprit,
            'gpus',
            `${at}에 ${pool.name.ko} 배정 합계가 ${total} GPU로 용량 ${pool.gpus} GPU를 넘습니다 (${parts}); ${describeAllocation(culprit)}${particle(describeAllocation(culprit), '이/가')} 들어갈 자리가 없습니다`,
            `on ${at} ${pool.name.en} would hold ${total} GPUs, more than its ${pool.gpus} (${parts}); ${describeAllocation(culprit)} does not fit`,
            { instant: at, involved: active.map((a) => a.id), conflictsWith: active.find((a) => a.id !== culprit.id)?.id },
          ),
        );
      }
      over = total > pool.gpus;
    }
  }
  return out;
}

/**
 * A task never holds more than its phase's cap at once (specialized-fm: 256 B200 per task), summed
 * over every pool, with the program's reason for the cap in the message.
 */
export function taskPhaseCapIssues(list: readonly Allocation[], rules: AllocationRules): AllocationIssue[] {
  const out: AllocationIssue[] = [];
  for (const phase of rules.phases) {
    const cap = phase.maxGpusPerTask;
    if (!cap) continue;
    const inPhase = list.filter((a) => a.phaseKey === phase.key && usable(a));
    for (const taskId of [...new Set(inPhase.map((a) => a.taskId))].sort()) {
      const held = inPhase.filter((a) => a.taskId === taskId);
      for (const day of boundaries(held)) {
        const active = held.filter((a) => dayNumber(a.start) <= day && dayNumber(a.end) >= day);
        const total = active.reduce((s, a) => s + a.gpus, 0);
        if (total <= cap.gpus) continue;
        const culprit = latest(active);
        const over = perTaskCapExcess(phase, total, { ko: `${culprit.taskKey} 과제가`, en: `task ${culprit.taskKey}` })!;
        const at = dayString(day);
        out.push(issue(culprit, 'gpus', `${at}에 ${over.ko}`, `on ${at} ${over.en}`, { instant: at, involved: active.map((a) => a.id) }));
        break; // one issue per task and phase: the first day it goes over
      }
    }
  }
  return out;
}

/** What stands behind a pool when its size is edited. */
export interface PoolBacking {
  /** GPUs of the inventory nodes placed in the pool (its share of the partition it is bound to); null when not bound */
  placedGpus: number | null;
}

/**
 * A pool's size between what is allocated from it and what the inventory holds for it: a shrink
 * below the allocated peak is refused, and so is growing beyond the nodes placed in it (an unbound
 * pool has none). `field` names the program definition's field, e.g. `gpuPools.0.gpuCount`.
 */
export function poolSizeIssues(
  field: string,
  pool: { key: string; gpuCount: number },
  was: { gpuCount: number } | undefined,
  allocations: readonly Allocation[],
  backing: PoolBacking,
): FieldIssue[] {
  const out: FieldIssue[] = [];
  const peak = peakAllocated(allocations, pool.key);
  if (pool.gpuCount < peak) {
    out.push({
      field,
      message: {
        ko: `GPU 수를 이미 배분된 ${peak}개보다 작게 줄일 수 없습니다`,
        en: `the GPU count cannot be smaller than the ${peak} GPUs already allocated from the pool`,
      },
    });
  }
  const grows = was !== undefined && pool.gpuCount > was.gpuCount;
  if (grows && backing.placedGpus === null) {
    out.push({
      field,
      message: {
        ko: `GPU 수를 늘리려면 먼저 풀을 노드가 있는 파티션에 연결해야 합니다 (현재 연결된 노드 없음)`,
        en: `the GPU count can grow only when the pool is bound to a partition with nodes for it (none now)`,
      },
    });
  } else if (grows && backing.placedGpus !== null && pool.gpuCount > backing.placedGpus) {
    out.push({
      field,
      message: {
        ko: `GPU 수(${pool.gpuCount})가 풀에 배치된 노드의 GPU ${backing.placedGpus}개보다 많습니다`,
        en: `the GPU count (${pool.gpuCount}) is more than the ${backing.placedGpus} GPUs of the nodes placed in the pool`,
      },
    });
  }
  return out;
}
