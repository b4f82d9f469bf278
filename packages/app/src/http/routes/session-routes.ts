import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';

export const sessionRoutes = (_ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/v1/health', { config: { authorize: () => true }, schema: { tags: ['system'], summary: 'Liveness' } }, async () => ({ ok: true }));
  app.get('/api/v1/me', { config: { authorize: () => true }, schema: { tags: ['accounts'], summary: 'The signed-in account, or null' } }, async (req) => ({ actor: req.actor }));
};
