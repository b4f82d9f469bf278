import type { Actor, Role } from '../auth/actor.ts';

/** A policy answers one question: may this actor do this action to this object? */
export type Policy<Action extends string, Obj = unknown> = (actor: Actor | null, action: Action, object?: Obj) => boolean;

export const hasRole = (actor: Actor | null, ...roles: Role[]): actor is Actor => !!actor && roles.includes(actor.role);
