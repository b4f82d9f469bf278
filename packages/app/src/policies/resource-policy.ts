import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type ResourceAction = 'read' | 'edit' | 'bind';

/**
 * Clusters, partitions, node types and where each program's pool runs: every signed-in person may
 * see them (they explain the allocation screen); only the program office records or changes them.
 */
export function canResource(actor: Actor | null, action: ResourceAction): boolean {
  switch (action) {
    case 'read':
      return hasRole(actor, 'operator', 'applicant', 'reviewer', 'evaluator');
    case 'edit':
    case 'bind':
      return hasRole(actor, 'operator');
  }
}
