import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type AllocationAction = 'read' | 'edit' | 'read-ledger' | 'list-requests' | 'request-change' | 'decide-request' | 'block-task';

/** What the policy needs to know about the object: whether the actor is a member of the task. */
export interface AllocationAccess {
  memberOfTask?: boolean;
}

/**
 * Allocations are the office's to set: the operator edits them, decides change requests and blocks
 * tasks. Every signed-in person may see the pools' occupancy; an applicant who is a member of a
 * task may ask for a change to that task's allocation and see its requests.
 */
export function canAllocation(actor: Actor | null, action: AllocationAction, object?: AllocationAccess): boolean {
  switch (action) {
    case 'read':
      return hasRole(actor, 'operator', 'applicant', 'reviewer', 'evaluator');
    case 'edit':
    case 'read-ledger':
    case 'decide-request':
    case 'block-task':
      return hasRole(actor, 'operator');
    case 'list-requests':
      return hasRole(actor, 'operator', 'applicant');
    case 'request-change':
      if (hasRole(actor, 'operator')) return true;
      // before the object is known (route guard) an applicant may try; the handler checks membership
      return hasRole(actor, 'applicant') && (object === undefined || object.memberOfTask === true);
  }
}
