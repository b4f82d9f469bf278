import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type OrganisationAction = 'create' | 'list' | 'read' | 'update' | 'manageMembers' | 'verify' | 'acceptInvitation' | 'removeMember';

/** What the policy needs to know about one organisation: the actor's membership in it, if any. */
export interface OrganisationAccess {
  membership: 'admin' | 'member' | null;
  /** the invitation is addressed to the actor's own account (acceptInvitation) */
  invitee?: boolean;
  /** the member to remove is the actor (leaving) */
  self?: boolean;
}

/**
 * Applicants register and run their own organisations; the program office sees (and may correct)
 * all. Adding a person is an invitation they accept while signed in (issue 12 item 7).
 */
export function canOrganisation(actor: Actor | null, action: OrganisationAction, org?: OrganisationAccess): boolean {
  if (!hasRole(actor, 'applicant', 'operator')) return false;
  const operator = actor.role === 'operator';
  switch (action) {
    case 'create':
      return actor.role === 'applicant';
    case 'list':
      return true;
    case 'read':
      return operator || !!org?.membership;
    case 'update':
      return operator || org?.membership === 'admin';
    case 'manageMembers':
      return org?.membership === 'admin';
    // declared type and registration number are verified by the office only (issue 13 item 1)
    case 'verify':
      return operator;
    // membership is the person's to accept, signed in as themselves; a member may leave, an admin remove
    case 'acceptInvitation':
      return actor.role === 'applicant' && !!org?.invitee;
    case 'removeMember':
      return org?.membership === 'admin' || (!!org?.membership && !!org.self);
  }
}
