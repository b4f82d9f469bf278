import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type ReviewAction =
  /** pool, conflicts, assignment, ranking, selection, exports, publication */
  | 'manage'
  /** answer an invitation link (declining needs no account; accepting is checked by the service) */
  | 'respondInvitation'
  /** the reviewer's own worklist and profile */
  | 'listOwn'
  | 'editOwnProfile'
  /** open a proposal, score it, declare a conflict on it */
  | 'readProposal'
  | 'score'
  | 'declareConflict'
  /** an application's result and anonymised reviews */
  | 'readResult';

/** What the policy needs to know about one (reviewer, application) or (applicant, application) pair. */
export interface ReviewAccess {
  /** the actor's accepted pool entry is assigned to the application in this round */
  assigned?: boolean;
  /** an unwaived conflict of interest stands between them */
  conflicted?: boolean;
  /** the reviewer has accepted the round's conflict-of-interest pledge */
  pledged?: boolean;
  /** the actor belongs to the applicant organisation */
  memberOfApplicant?: boolean;
  /** the office has published the call's results */
  published?: boolean;
}

/**
 * The program office runs review. A reviewer sees and scores only what is assigned to them and
 * not conflicted — a conflict declared or found after assignment closes the proposal at once — and
 * only after accepting the round's conflict-of-interest pledge.
 * Applicants see their own result and reviews only once the office publishes them.
 */
export function canReview(actor: Actor | null, action: ReviewAction, access: ReviewAccess = {}): boolean {
  switch (action) {
    case 'manage':
      return hasRole(actor, 'operator');
    case 'respondInvitation':
      return true;
    case 'listOwn':
    case 'editOwnProfile':
      return hasRole(actor, 'reviewer');
    case 'readProposal':
    case 'score':
      return hasRole(actor, 'reviewer') && !!access.assigned && !access.conflicted && !!access.pledged;
    case 'declareConflict':
      return hasRole(actor, 'reviewer') && !!access.assigned;
    case 'readResult':
      if (hasRole(actor, 'operator')) return true;
      return hasRole(actor, 'applicant') && !!access.memberOfApplicant && !!access.published;
  }
}

/** One invitation as the link's holder finds it: answered or not, and the account it is bound to. */
export interface InvitationState {
  status: string;
  linkedUserId: string | null;
}

export type InvitationAnswer = 'allowed' | 'signInAsReviewer' | 'linkedToAnother';

/**
 * The link is a credential only until an account takes the invitation: before that, anyone holding
 * it may decline and a signed-in reviewer may accept; once an account is bound to it (accepted),
 * only that account, signed in, may change the answer — the link alone no longer acts on it.
 */
export function canAnswerInvitation(actor: Actor | null, invitation: InvitationState, accept: boolean): InvitationAnswer {
  if (invitation.linkedUserId) {
    if (!actor) return 'signInAsReviewer';
    if (actor.id !== invitation.linkedUserId) return 'linkedToAnother';
    return 'allowed';
  }
  if (accept && !hasRole(actor, 'reviewer')) return 'signInAsReviewer';
  return 'allowed';
}
