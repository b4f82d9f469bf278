import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type AuditAction = 'read' | 'verify';

/** The audit log names people and holds drafts' contents: the program office only. */
export function canAudit(actor: Actor | null, _action: AuditAction): boolean {
  return hasRole(actor, 'operator');
}
