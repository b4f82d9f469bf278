import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type AccountAction = 'readSelf' | 'list' | 'setRole';

export function canAccount(actor: Actor | null, action: AccountAction): boolean {
  switch (action) {
    case 'readSelf':
      return actor !== null;
    case 'list':
    case 'setRole':
      return hasRole(actor, 'operator');
  }
}
