import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAudit, verifyAuditChain } from '../../audit/audit-log.ts';
import { canAudit } from '../../policies/audit-policy.ts';
import type { AppContext } from '../../context.ts';

export const auditRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/v1/audit',
    {
      config: { authorize: (a) => canAudit(a, 'read') },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        querystring: z.object({ objectType: z.string().optional(), objectId: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      },
    },
    async (req) => ({ entries: await listAudit(ctx.db, req.query) }),
  );
  app.get('/api/v1/audit/verify', { config: { authorize: (a) => canAudit(a, 'verify') }, schema: { tags: ['audit'], summary: 'Recompute the hash chain' } }, async () =>
    verifyAuditChain(ctx.db),
  );
};
