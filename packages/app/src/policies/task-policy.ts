import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type TaskAction = 'read-members' | 'manage-members' | 'answer-invitation';

/**
 * A task's people: the office reads and manages every task's; an applicant reads the people of a
 * task it is a member of (its team), never another's, and changes none. A person answers the
 * invitations addressed to their own confirmed address.
 */
export function canTask(actor: Actor | null, action: TaskAction, object?: { memberOfTask: boolean }): boolean {
  switch (action) {
    case 'read-members':
      if (hasRole(actor, 'operator')) return true;
      return hasRole(actor, 'applicant') && (object === undefined || object.memberOfTask);
    case 'manage-members':
      return hasRole(actor, 'operator');
    // bound to the confirmed address in the service: any signed-in account reads and answers its own
    case 'answer-invitation':
      return actor !== null;
  }
}
