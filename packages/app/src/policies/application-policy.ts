import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type ApplicationAction =
  | 'create'
  | 'list'
  | 'read'
  | 'edit'
  | 'submit'
  | 'withdraw'
  | 'reopen'
  | 'overrideEligibility'
  | 'listCall'
  | 'configureCall'
  | 'checkEligibility'
  /** tell a draft's applicants that its call closes soon (inbox and mail) */
  | 'remind';

/** What the policy needs to know about one application: whether the actor belongs to its organisation. */
export interface ApplicationAccess {
  memberOfOrganisation: boolean;
}

/**
 * An application belongs to its organisation's members, who write, submit and withdraw it; the
 * program office reads every application (read-only) and alone reopens one, overrides a verdict or
 * reminds a draft's applicants of the deadline.
 */
export function canApplication(actor: Actor | null, action: ApplicationAction, app?: ApplicationAccess): boolean {
  if (!hasRole(actor, 'applicant', 'operator')) return false;
  const operator = actor.role === 'operator';
  switch (action) {
    case 'checkEligibility':
    case 'list':
      return true;
    case 'create':
      return actor.role === 'applicant';
    case 'read':
      return operator || !!app?.memberOfOrganisation;
    case 'edit':
    case 'submit':
    case 'withdraw':
      return actor.role === 'applicant' && !!app?.memberOfOrganisation;
    case 'reopen':
    case 'overrideEligibility':
    case 'listCall':
    case 'configureCall':
    case 'remind':
      return operator;
  }
}
