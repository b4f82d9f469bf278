import type { Actor, Role } from '../auth/actor.ts';

export const hasRole = (actor: Actor | null, ...roles: Role[]): actor is Actor => !!actor && roles.includes(actor.role);
