import type { Role } from '../src/auth/actor.ts';

export type Who = Role | 'anonymous';
export const everyone: Who[] = ['anonymous', 'applicant', 'reviewer', 'evaluator', 'operator'];
export const signedIn: Who[] = ['applicant', 'reviewer', 'evaluator', 'operator'];

export interface MatrixEntry {
  /** a concrete path for the route (params filled in) */
  path: string;
  payload?: unknown;
  allow: Who[];
}

/**
 * Every API route × every role → allowed or not. A route missing here fails the test, so a new
 * route cannot ship without someone deciding who may call it.
 */
export const authorizationMatrix: Record<string, MatrixEntry> = {
  'GET /api/v1/health': { path: '/api/v1/health', allow: everyone },
  'GET /api/v1/me': { path: '/api/v1/me', allow: everyone },
  'GET /api/v1/programs': { path: '/api/v1/programs', allow: everyone },
  'GET /api/v1/programs/:slug': { path: '/api/v1/programs/k-ai', allow: everyone },
  'PUT /api/v1/programs/:slug': { path: '/api/v1/programs/k-ai', payload: { definition: {}, expectedRevision: 1, mode: 'preview' }, allow: ['operator'] },
  'POST /api/v1/programs': { path: '/api/v1/programs', payload: { definition: {}, mode: 'preview' }, allow: ['operator'] },
  'GET /api/v1/audit': { path: '/api/v1/audit', allow: ['operator'] },
  'GET /api/v1/audit/verify': { path: '/api/v1/audit/verify', allow: ['operator'] },
};
