import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type OpenSourceAction = 'read' | 'record' | 'setPolicy';

/** The registry is public; a task's members (or the office) record its releases; the office sets the rule. */
export function canOpenSource(actor: Actor | null, action: OpenSourceAction, task?: { memberOfTask: boolean }): boolean {
  switch (action) {
    case 'read':
      return true;
    case 'record':
      return hasRole(actor, 'operator') || (hasRole(actor, 'applicant') && (task === undefined || task.memberOfTask));
    case 'setPolicy':
      return hasRole(actor, 'operator');
  }
}
