import type { Allocation } from '../allocation/allocation.ts';
import { addDays } from '../allocation/calendar-day.ts';
import type { ChangeRequest } from '../allocation/change-request.ts';
import type { ReclaimProposal } from './under-use-policy.ts';

/** The policy files reclaim requests only. */
export type ReclaimRequest = Extract<ChangeRequest, { kind: 'reclaim' }>;

/**
 * The change request an under-use proposal files against the task's running allocation: the GPUs
 * the proposal takes off its concurrent limit, from tomorrow while the allocation still runs then.
 * The GPU-minutes go with it when the allocation has a budget, or when no GPUs are taken (the
 * minutes are then all the reclaim is).
 */
export function underUseReclaimRequest(current: Allocation, proposal: ReclaimProposal, today: string): ReclaimRequest {
  const tomorrow = addDays(today, 1);
  const removeGpus =
    proposal.concurrentGpusBefore !== null && proposal.concurrentGpusAfter !== null ? proposal.concurrentGpusBefore - proposal.concurrentGpusAfter : 0;
  return {
    kind: 'reclaim',
    allocationId: current.id,
    removeGpus,
    ...(current.gpuMinutes !== null || removeGpus === 0 ? { removeGpuMinutes: proposal.reclaimGpuMinutes } : {}),
    ...(tomorrow <= current.end ? { effectiveFrom: tomorrow } : {}),
  };
}
