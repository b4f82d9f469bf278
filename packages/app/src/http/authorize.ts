import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import { forbidden, unauthenticated } from './errors.ts';

/**
 * Every API route declares who may call it (`config.authorize`), checked before its handler runs.
 * A route without one is refused at start-up, so nothing ships unguarded and the authorisation
 * matrix test can list every route.
 */
export type Authorize = (actor: Actor | null, req: FastifyRequest) => boolean | Promise<boolean>;

declare module 'fastify' {
  interface FastifyContextConfig {
    authorize?: Authorize;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export interface RouteInfo {
  method: string;
  url: string;
  /** whether the route declares the schema of its answers (issue 14: every route will) */
  responseSchema: boolean;
}

export function installAuthorization(app: FastifyInstance, resolveActor: (req: FastifyRequest) => Promise<Actor | null>): RouteInfo[] {
  const routes: RouteInfo[] = [];
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (opts) => {
    if (!opts.url.startsWith('/api/v1')) return;
    const methods = Array.isArray(opts.method) ? opts.method : [opts.method];
    if (methods.every((m) => m === 'HEAD' || m === 'OPTIONS')) return;
    if (!opts.config?.authorize) throw new Error(`route ${methods.join(',')} ${opts.url} has no config.authorize`);
    for (const m of methods) if (m !== 'HEAD') routes.push({ method: m, url: opts.url, responseSchema: !!opts.schema?.response });
  });
  app.addHook('preValidation', async (req) => {
    const authorize = req.routeOptions.config?.authorize;
    if (!authorize) return;
    req.actor = await resolveActor(req);
    if (!(await authorize(req.actor, req))) throw req.actor ? forbidden() : unauthenticated();
  });
  return routes;
}
