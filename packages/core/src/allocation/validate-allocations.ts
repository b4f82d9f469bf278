import type { FieldIssue } from '../shared/localized.ts';
import { isCalendarDay } from './calendar-day.ts';
import { allocationIssue, poolCapacityIssues, taskPhaseCapIssues } from './capacity.ts';
import { describeAllocation, type Allocation, type AllocationRules } from './allocation.ts';
import { particle } from '../shared/korean-particles.ts';

/** A problem with one allocation; `field` is the allocation's property (gpus, start, end …). */
export interface AllocationIssue extends FieldIssue {
  allocationId: string;
  /** the other allocation it clashes with, when there is one */
  conflictsWith?: string;
  /** the first day the problem holds (a Seoul calendar day) */
  instant?: string;
  /** every allocation taking part in the problem */
  involved: string[];
}

const issue = allocationIssue;

function checkOne(a: Allocation, rules: AllocationRules): AllocationIssue[] {
  const out: AllocationIssue[] = [];
  const name = describeAllocation(a);
  const pool = rules.pools.find((p) => p.key === a.poolKey);
  if (!pool) out.push(issue(a, 'poolKey', `${name}: GPU 풀 "${a.poolKey}"${particle(a.poolKey, '이/가')} 없습니다`, `${name}: no GPU pool "${a.poolKey}"`));
  const phase = rules.phases.find((p) => p.key === a.phaseKey);
  if (!phase) out.push(issue(a, 'phaseKey', `${name}: 단계 "${a.phaseKey}"${particle(a.phaseKey, '이/가')} 없습니다`, `${name}: no phase "${a.phaseKey}"`));
  if (!Number.isInteger(a.gpus) || a.gpus <= 0) {
    out.push(issue(a, 'gpus', `${name}: GPU 수는 1 이상의 정수여야 합니다`, `${name}: GPUs must be a whole number of at least 1`));
  } else if (pool && a.gpus % pool.nodeType.gpusPerNode !== 0) {
    out.push(
      issue(
        a,
        'gpus',
        `${name}: GPU 수는 노드 단위(${pool.nodeType.gpusPerNode}의 배수)여야 합니다`,
        `${name}: GPUs must be whole nodes (a multiple of ${pool.nodeType.gpusPerNode})`,
      ),
    );
  }
  if (a.gpuMinutes !== null && (!Number.isInteger(a.gpuMinutes) || a.gpuMinutes < 0)) {
    out.push(issue(a, 'gpuMinutes', `${name}: GPU-분 예산은 0 이상의 정수여야 합니다`, `${name}: the GPU-minute budget must be a whole number, 0 or more`));
  }
  const datesOk = isCalendarDay(a.start) && isCalendarDay(a.end);
  if (!isCalendarDay(a.start))
    out.push(issue(a, 'start', `${name}: 시작일은 YYYY-MM-DD 형식의 날짜여야 합니다`, `${name}: the start must be a date YYYY-MM-DD`));
  if (!isCalendarDay(a.end)) out.push(issue(a, 'end', `${name}: 종료일은 YYYY-MM-DD 형식의 날짜여야 합니다`, `${name}: the end must be a date YYYY-MM-DD`));
  if (datesOk && a.end < a.start)
    out.push(
      issue(a, 'end', `${name}: 종료일(${a.end})이 시작일(${a.start})보다 빠릅니다`, `${name}: ends (${a.end}) before it starts (${a.start})`, {
        instant: a.end,
      }),
    );
  if (datesOk && phase) {
    if (a.start < phase.start || a.start > phase.end) {
      out.push(
        issue(
          a,
          'start',
          `${name}: 시작일 ${a.start}${particle(a.start, '이/가')} ${phase.name.ko}(${phase.start}–${phase.end}) 밖입니다`,
          `${name}: starts on ${a.start}, outside ${phase.name.en} (${phase.start}–${phase.end})`,
          { instant: a.start },
        ),
      );
    }
    if (a.end > phase.end || a.end < phase.start) {
      out.push(
        issue(
          a,
          'end',
          `${name}: 종료일 ${a.end}${particle(a.end, '이/가')} ${phase.name.ko}(${phase.start}–${phase.end}) 밖입니다`,
          `${name}: ends on ${a.end}, outside ${phase.name.en} (${phase.start}–${phase.end})`,
          { instant: a.end },
        ),
      );
    }
  }
  return out;
}

/** One allocation per task, pool and period: two allocations of a task on one pool may not share a day. */
function checkOverlaps(list: readonly Allocation[]): AllocationIssue[] {
  const out: AllocationIssue[] = [];
  const groups = new Map<string, Allocation[]>();
  for (const a of list) {
    const k = `${a.taskId}\u0000${a.poolKey}`;
    groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  for (const group of groups.values()) {
    const sorted = [...group].sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : x.id < y.id ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i]!;
      for (let j = 0; j < i; j++) {
        const b = sorted[j]!;
        if (b.end >= a.start) {
          const day = a.start;
          out.push(
            issue(
              a,
              'start',
              `${describeAllocation(a)}: 같은 과제·풀의 배정 ${describeAllocation(b)}${particle(describeAllocation(b), '과/와')} ${day}에 겹칩니다`,
              `${describeAllocation(a)} overlaps ${describeAllocation(b)} of the same task and pool on ${day}`,
              { conflictsWith: b.id, instant: day, involved: [a.id, b.id] },
            ),
          );
        }
      }
    }
  }
  return out;
}

/**
 * Every rule an allocation set must satisfy. With `onlyAbout`, issues not involving those
 * allocations are left out: a change is judged on what it touches, so an old problem elsewhere
 * (e.g. after a phase was shortened) does not block unrelated changes.
 */
export function validateAllocations(list: readonly Allocation[], rules: AllocationRules, onlyAbout?: ReadonlySet<string>): AllocationIssue[] {
  const all = [...list.flatMap((a) => checkOne(a, rules)), ...checkOverlaps(list), ...poolCapacityIssues(list, rules), ...taskPhaseCapIssues(list, rules)];
  return onlyAbout ? all.filter((i) => i.involved.some((id) => onlyAbout.has(id))) : all;
}
