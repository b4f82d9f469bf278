import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type StageEvaluationAction =
  | 'readPublic'
  | 'read'
  | 'open'
  | 'changeScheme'
  | 'enterMeasurements'
  | 'enterExpertScores'
  | 'checkGoals'
  | 'ruleGate'
  | 'decide'
  | 'publish'
  | 'resolveAppeal'
  | 'readTeam'
  | 'declareGate'
  | 'fileAppeal';

/** What is known about the actor's relation to the team an action concerns. */
export interface TeamContext {
  isMember: boolean;
}

/**
 * Stage evaluations: published results are public record; the office runs the evaluation and
 * decides; the panel (reviewers) scores, checks stage goals and rules on gates; a team's members
 * declare for their own team and appeal its decision. Without a team context, the team actions
 * answer whether the actor could act for some team (the route's coarse check); the handler then
 * asks again with the team.
 */
export function canStageEvaluation(actor: Actor | null, action: StageEvaluationAction, team?: TeamContext): boolean {
  switch (action) {
    case 'readPublic':
      return true;
    case 'read':
      return hasRole(actor, 'operator', 'reviewer');
    case 'open':
    case 'changeScheme':
    case 'enterMeasurements':
    case 'decide':
    case 'publish':
    case 'resolveAppeal':
      return hasRole(actor, 'operator');
    case 'enterExpertScores':
    case 'checkGoals':
    case 'ruleGate':
      return hasRole(actor, 'operator', 'reviewer');
    case 'readTeam':
      if (hasRole(actor, 'operator', 'reviewer')) return true;
      return hasRole(actor, 'applicant') && (team?.isMember ?? true);
    case 'declareGate':
    case 'fileAppeal':
      if (hasRole(actor, 'operator')) return true;
      return hasRole(actor, 'applicant') && (team?.isMember ?? true);
  }
}
