import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type EvaluationAction = 'readCatalog' | 'listTasks' | 'readTask' | 'import' | 'runSuite' | 'manageEndpoints';

/**
 * Benchmark results. The benchmark catalog and reference figures are program record, open to all.
 * A task's results are read by the program office and the evaluators, and by the members of that
 * task only (applicants see their own team, never a rival's). Results are entered by the office or
 * an evaluator: official scoring does not take a team's own upload.
 */
export function canEvaluation(actor: Actor | null, action: EvaluationAction, object?: { memberOfTask: boolean }): boolean {
  switch (action) {
    case 'readCatalog':
      return true;
    case 'listTasks':
      return hasRole(actor, 'operator', 'evaluator', 'applicant');
    case 'readTask':
      if (hasRole(actor, 'operator', 'evaluator')) return true;
      return hasRole(actor, 'applicant') && (object === undefined || object.memberOfTask);
    case 'import':
    case 'runSuite':
      return hasRole(actor, 'operator', 'evaluator');
    case 'manageEndpoints':
      // the registry of model endpoints decides where the server may send requests
      return hasRole(actor, 'operator');
  }
}
