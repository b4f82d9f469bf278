import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type ProvenanceAction = 'read' | 'start' | 'upload' | 'attach';

/**
 * Originality evidence is the panel's working material: the program office and the evaluators
 * start comparisons, read reports and attach them to a task's gate. Teams do not see a report
 * before the panel has weighed it (they are told the gate's outcome through the stage evaluation).
 */
export function canProvenance(actor: Actor | null, _action: ProvenanceAction): boolean {
  return hasRole(actor, 'operator', 'evaluator');
}
