import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type ProgramAction = 'read' | 'update' | 'import';

/** Programs are public record; only the program office changes them. */
export function canProgram(actor: Actor | null, action: ProgramAction): boolean {
  switch (action) {
    case 'read':
      return true;
    case 'update':
    case 'import':
      return hasRole(actor, 'operator');
  }
}
