import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type StageEvaluationAction =
  | 'readPublic'
  | 'list'
  | 'read'
  | 'open'
  | 'seatExperts'
  | 'changeScheme'
  | 'enterMeasurements'
  | 'enterExpertScores'
  | 'checkGoals'
  | 'ruleGate'
  | 'decide'
  | 'publish'
  | 'resolveAppeal'
  | 'readTeam'
  | 'listOwnTeams'
  | 'declareGate'
  | 'fileAppeal';

/**
 * What is known about the actor's relation to the evaluation or team an action concerns:
 * membership of the team, the panel seat the office gave them on this evaluation (its label, e.g.
 * "위원 3"), whether the evaluation still takes inputs, and the panel members an entry names.
 */
export interface StageEvaluationContext {
  isMember?: boolean;
  seat?: string | null;
  open?: boolean;
  experts?: string[];
}

/**
 * Stage evaluations: published results are public record (the public routes); the office opens,
 * enters and imports every input (measurements, expert scores, goal findings, gate rulings),
 * decides and publishes. A panel member with an account is seated by the office on one evaluation
 * and scores only there, only under their own seat, only while it is open; a reviewer without a
 * seat sees nothing of it. A team's members read, declare for and appeal only their own team.
 * Without a context, the object-level actions answer whether the actor could act on some object
 * (the route's coarse check); the handler then asks again with the context.
 */
export function canStageEvaluation(actor: Actor | null, action: StageEvaluationAction, context?: StageEvaluationContext): boolean {
  switch (action) {
    case 'readPublic':
      return true;
    case 'list':
      // a seated expert sees the evaluations they sit on (the list is filtered to them)
      return hasRole(actor, 'operator', 'reviewer');
    case 'read':
      if (hasRole(actor, 'operator')) return true;
      return hasRole(actor, 'reviewer') && (context ? !!context.seat : true);
    case 'open':
    case 'seatExperts':
    case 'changeScheme':
    case 'enterMeasurements':
    case 'checkGoals':
    case 'ruleGate':
    case 'decide':
    case 'publish':
    case 'resolveAppeal':
      return hasRole(actor, 'operator');
    case 'enterExpertScores':
      if (hasRole(actor, 'operator')) return true;
      if (!hasRole(actor, 'reviewer')) return false;
      if (!context) return true;
      return !!context.seat && context.open === true && (context.experts ?? []).every((e) => e.trim() === context.seat);
    case 'readTeam':
    case 'declareGate':
    case 'fileAppeal':
      if (hasRole(actor, 'operator')) return true;
      return hasRole(actor, 'applicant') && (context?.isMember ?? true);
    case 'listOwnTeams':
      return hasRole(actor, 'operator', 'applicant');
  }
}
