import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

/** What an applicant-facing answer says in place of a decision the office has not published. */
export const UNDER_EVALUATION = 'underEvaluation' as const;

/**
 * A decision about a task or application (selected, not selected, continued, eliminated) reaches
 * its applicant only once the office publishes it; the office sees it from the moment it is made.
 */
export function seesDecision(actor: Actor | null, published: boolean): boolean {
  return published || hasRole(actor, 'operator');
}
