import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Auth } from '../auth/auth.ts';
import type { Db } from '../db/connect.ts';
import { limitPasswordAttempt } from './sign-in-limit.ts';

export function toWebHeaders(req: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else headers.set(k, String(v));
  }
  return headers;
}

/**
 * Hands /api/auth/* to better-auth, translating between fastify and the Fetch API it speaks;
 * sign-ins and sign-ups are counted first (sign-in-limit.ts), in every environment.
 */
export function mountAuth(app: FastifyInstance, auth: Auth, publicUrl: string, db: Db): void {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    async handler(req, reply) {
      const url = new URL(req.url, publicUrl);
      const settle = await limitPasswordAttempt(db, req, reply, url.pathname);
      if (settle === 'refused') return reply;
      const body = req.method === 'GET' || req.body === undefined ? undefined : JSON.stringify(req.body);
      const response = await auth.handler(new Request(url, { method: req.method, headers: toWebHeaders(req), body }));
      if (settle) await settle(response.status);
      reply.status(response.status);
      response.headers.forEach((value, key) => {
        if (key.toLowerCase() !== 'set-cookie') reply.header(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) reply.header('set-cookie', cookies);
      return reply.send(response.body ? await response.text() : null);
    },
  });
}
