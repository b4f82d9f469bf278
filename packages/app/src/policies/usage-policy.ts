import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type UsageAction = 'read-program' | 'read-task' | 'import' | 'export' | 'set-policy' | 'run-policy';

/**
 * Usage is the office's ledger: the operator imports, exports and sets the under-use policy; an
 * applicant sees the usage of the tasks they are a member of (the route narrows the rows).
 */
export function canUsage(actor: Actor | null, action: UsageAction, object?: { memberOfTask?: boolean }): boolean {
  switch (action) {
    case 'read-program':
      return hasRole(actor, 'operator', 'applicant');
    case 'read-task':
      if (hasRole(actor, 'operator')) return true;
      return hasRole(actor, 'applicant') && (object === undefined || object.memberOfTask === true);
    case 'import':
    case 'export':
    case 'set-policy':
    case 'run-policy':
      return hasRole(actor, 'operator');
  }
}
