import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type ArenaAction = 'list' | 'manage' | 'readResults' | 'vote';

/** What the policy needs to know about one arena: whether the actor is one of its assigned evaluators. */
export interface ArenaAccess {
  assignedEvaluator: boolean;
}

/**
 * The program office sets arenas up and alone sees which team is behind an answer (ratings, vote
 * export). Evaluators see and vote only in arenas they are assigned to, and never see identities.
 */
export function canArena(actor: Actor | null, action: ArenaAction, arena?: ArenaAccess): boolean {
  switch (action) {
    case 'list':
      return hasRole(actor, 'operator', 'evaluator');
    case 'manage':
    case 'readResults':
      return hasRole(actor, 'operator');
    case 'vote':
      return hasRole(actor, 'evaluator') && (arena === undefined || arena.assignedEvaluator);
  }
}
