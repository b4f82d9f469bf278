import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type NotificationAction = 'readOwn' | 'markOwn' | 'readOutbox';

/**
 * A person reads and marks only their own notifications (another's is answered as absent); the
 * outbox names every recipient and holds invitation links: the program office only.
 */
export function canNotification(actor: Actor | null, action: NotificationAction, notification?: { userId: string }): boolean {
  if (action === 'readOutbox') return hasRole(actor, 'operator');
  if (!actor) return false;
  return !notification || notification.userId === actor.id;
}
