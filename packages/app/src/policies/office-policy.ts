import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

/** The office's desk names organisations, appeals and failed work across programs: the program office only. */
export function canSeeOfficeDesk(actor: Actor | null): boolean {
  return hasRole(actor, 'operator');
}
