import type { Actor } from '../auth/actor.ts';
import { hasRole } from './policy.ts';

export type SlurmAction = 'read-plan' | 'sync-slurm';

/**
 * What Slurm enforces is the program office's business: only the operator sees the plan (it names
 * every task's accounts and members' cluster usernames) and applies it to the cluster.
 */
export function canSlurm(actor: Actor | null, _action: SlurmAction): boolean {
  return hasRole(actor, 'operator');
}
