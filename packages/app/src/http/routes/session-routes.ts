import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { accountsContract as c } from '@stagegate/core/contract/accounts';

export const sessionRoutes =
  (_ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(c.health.path, { config: { authorize: () => true }, schema: { ...c.health.schema, tags: ['system'], summary: 'Liveness' } }, async () => ({
      ok: true as const,
    }));
    app.get(
      c.me.path,
      { config: { authorize: () => true }, schema: { ...c.me.schema, tags: ['accounts'], summary: 'The signed-in account, or null' } },
      async (req) => ({ actor: req.actor }),
    );
  };
