import type { Allocation, AllocationRules } from './allocation.ts';
import { diffAllocations, type AllocationChange } from './allocation-diff.ts';
import { applyChangeRequest, type ChangeRequest } from './change-request.ts';
import type { AllocationIssue } from './validate-allocations.ts';

export type DecidedChanges = { ok: true; before: Allocation[]; after: Allocation[]; changes: AllocationChange[] } | { ok: false; issues: AllocationIssue[] };

/**
 * Several requests applied in order by the change-request rule, as one change set: each sees the
 * allocations the earlier ones left, and the first refused request refuses the whole set.
 */
export function applyInOrder(current: readonly Allocation[], requests: readonly ChangeRequest[], rules: AllocationRules, newId: () => string): DecidedChanges {
  let list = [...current];
  for (const request of requests) {
    const out = applyChangeRequest(list, request, rules, newId);
    if (!out.ok) return { ok: false, issues: out.issues };
    list = out.allocations;
  }
  return { ok: true, before: [...current], after: list, changes: diffAllocations(current, list) };
}
