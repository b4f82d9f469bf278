import type { Call, ProgramDefinition } from '../program/definition.ts';
import type { FieldIssue } from '../shared/localized.ts';

/** The tasks a call funds: how many, and the keys of tasks the office already registered for them. */
export interface TaskSlots {
  count: number;
  keys: string[];
}

/**
 * A call's slots from the program's data; an additional call has the slots it fills, a call that
 * names none has the program's task count.
 */
export function taskSlotsOf(
  program: Pick<ProgramDefinition, 'taskCount'>,
  call: Pick<Call, 'taskSlots'> & Partial<Pick<Call, 'kind' | 'additional'>>,
): TaskSlots {
  if (call.kind === 'additional' && call.additional) return { count: call.additional.fills.slots, keys: [] };
  return call.taskSlots ? { count: call.taskSlots.count, keys: [...call.taskSlots.keys] } : { count: program.taskCount, keys: [] };
}

/** A task of the call: one holding an application of the call, or one registered under a slot key. */
export interface SlotTask {
  key: string;
  applicationId: string | null;
}

export interface SlotFill {
  applicationId: string;
  key: string;
  /** the task exists (registered by the office) and now gets its application; otherwise it is created */
  reuse: boolean;
}

/**
 * Which task each newly selected application becomes. A slot is free when no application holds
 * it; the named slots' tasks are filled first (reused when registered, created under their key
 * when not), then fresh keys — never more tasks than slots. Asking for more than the free slots is
 * refused with the count, so the office sees why.
 */
export function fillTaskSlots(
  slots: TaskSlots,
  existing: readonly SlotTask[],
  selected: readonly string[],
  freshKeys: readonly string[],
): { ok: true; fills: SlotFill[] } | { ok: false; issue: FieldIssue } {
  const held = existing.filter((t) => t.applicationId !== null);
  const free = Math.max(0, slots.count - held.length);
  if (selected.length > free) {
    return {
      ok: false,
      issue: {
        field: 'decisions',
        message: {
          ko: `이 공모의 과제 자리는 ${slots.count}개이고 ${held.length}개가 이미 찼습니다. 남은 ${free}개보다 많은 ${selected.length}건을 새로 선정할 수 없습니다`,
          en: `the call funds ${slots.count} tasks and ${held.length} are taken; ${selected.length} new selections do not fit the ${free} free slots`,
        },
      },
    };
  }
  const byKey = new Map(existing.map((t) => [t.key, t]));
  const candidates: { key: string; reuse: boolean }[] = [];
  // registered tasks first: making a task while one waits empty would hold more tasks than slots
  for (const key of slots.keys) if (byKey.get(key)?.applicationId === null) candidates.push({ key, reuse: true });
  for (const key of slots.keys) if (!byKey.has(key)) candidates.push({ key, reuse: false });
  // the slots not named in the program's data get fresh keys
  const unnamedFree = free - candidates.length;
  for (const key of freshKeys.filter((k) => !byKey.has(k) && !slots.keys.includes(k)).slice(0, Math.max(0, unnamedFree)))
    candidates.push({ key, reuse: false });
  return { ok: true, fills: selected.map((applicationId, i) => ({ applicationId, ...candidates[i]! })) };
}
