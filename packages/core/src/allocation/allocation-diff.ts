import type { Allocation } from './allocation.ts';

/** One line of a preview and of the ledger: an allocation created, changed or removed. */
export interface AllocationChange {
  kind: 'created' | 'changed' | 'removed';
  allocationId: string;
  taskKey: string;
  before: Allocation | null;
  after: Allocation | null;
  /** the changed properties, for a changed allocation */
  fields: string[];
}

const FIELDS = ['taskId', 'taskKey', 'poolKey', 'phaseKey', 'gpus', 'gpuMinutes', 'start', 'end'] as const;

/** What turning `before` into `after` does, allocation by allocation (matched by id). */
export function diffAllocations(before: readonly Allocation[], after: readonly Allocation[]): AllocationChange[] {
  const old = new Map(before.map((a) => [a.id, a]));
  const out: AllocationChange[] = [];
  for (const a of after) {
    const b = old.get(a.id);
    if (!b) {
      out.push({ kind: 'created', allocationId: a.id, taskKey: a.taskKey, before: null, after: a, fields: [] });
      continue;
    }
    const fields = FIELDS.filter((f) => b[f] !== a[f]);
    if (fields.length) out.push({ kind: 'changed', allocationId: a.id, taskKey: a.taskKey, before: b, after: a, fields });
  }
  const kept = new Set(after.map((a) => a.id));
  for (const b of before) if (!kept.has(b.id)) out.push({ kind: 'removed', allocationId: b.id, taskKey: b.taskKey, before: b, after: null, fields: [] });
  return out;
}
