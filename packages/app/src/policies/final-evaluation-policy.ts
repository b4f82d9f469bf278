import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type FinalEvaluationAction = 'list' | 'manage' | 'publish' | 'read' | 'uploadReport' | 'propose' | 'negotiate';

/** What the policy needs to know about one task in the final evaluation: whether the actor is its member. */
export interface FinalEvaluationAccess {
  memberOfTask: boolean;
}

/**
 * The office runs the final evaluation (scores, designation, publishing the results) and negotiates for the government; a
 * task's members upload its report, propose goals and negotiate for the task. Nobody else takes part.
 */
export function canFinalEvaluation(actor: Actor | null, action: FinalEvaluationAction, task?: FinalEvaluationAccess): boolean {
  if (!hasRole(actor, 'operator', 'applicant')) return false;
  const operator = actor.role === 'operator';
  const member = actor.role === 'applicant' && (task === undefined || task.memberOfTask);
  switch (action) {
    case 'list':
      return true;
    case 'manage':
    case 'publish':
      return operator;
    case 'read':
    case 'uploadReport':
    case 'negotiate':
      return operator || member;
    case 'propose':
      return member;
  }
}
