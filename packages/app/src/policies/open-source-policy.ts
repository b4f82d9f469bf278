import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type OpenSourceAction = 'read' | 'record' | 'setPolicy' | 'reviewOpenness';

/**
 * The registry is public; a task's members (or the office) record its releases; the office sets the
 * rule and sees the releases held against each task's declared openness (budgets are not public).
 */
export function canOpenSource(actor: Actor | null, action: OpenSourceAction, task?: { memberOfTask: boolean }): boolean {
  switch (action) {
    case 'read':
      return true;
    case 'record':
      return hasRole(actor, 'operator') || (hasRole(actor, 'applicant') && (task === undefined || task.memberOfTask));
    case 'setPolicy':
    case 'reviewOpenness':
      return hasRole(actor, 'operator');
  }
}
