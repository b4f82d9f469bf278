import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { verifyAuditChain } from '../../audit/audit-log.ts';
import { auditActionsInUse, auditObjectTypesInUse, listAuditPage } from '../../audit/audit-query.ts';
import { nameAuditObjects } from '../../audit/audit-object-names.ts';
import { canAudit } from '../../policies/audit-policy.ts';
import type { AppContext } from '../../context.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day YYYY-MM-DD');
const text = z.string().trim().min(1).max(200);

/** `operator@demo.stagegate.kr (operator)` as recorded, split so the viewer can name the role in the reader's language. */
function actorOf(label: string): { email: string; role: string } | null {
  const m = /^(.*) \(([a-z]+)\)$/.exec(label);
  return m ? { email: m[1]!, role: m[2]! } : null;
}

export const auditRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/v1/audit',
    {
      config: { authorize: (a) => canAudit(a, 'read') },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, a page at a time, narrowed by object, action, actor, reason and Korea days',
        querystring: z.object({
          objectType: text.optional(),
          objectId: text.optional(),
          action: text.optional(),
          actor: text.optional(),
          reason: text.optional(),
          from: day.optional(),
          to: day.optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
      },
    },
    async (req) => {
      const page = await listAuditPage(ctx.db, req.query);
      const names = await nameAuditObjects(ctx.db, page.entries);
      return {
        entries: page.entries.map((e) => ({ ...e, actor: actorOf(e.actorLabel), objectName: names.get(`${e.objectType}:${e.objectId}`) ?? null })),
        nextBefore: page.nextBefore,
      };
    },
  );
  app.get(
    '/api/v1/audit/facets',
    { config: { authorize: (a) => canAudit(a, 'read') }, schema: { tags: ['audit'], summary: 'The actions and kinds of object the audit log holds, for its filters' } },
    async () => ({ actions: await auditActionsInUse(ctx.db), objectTypes: await auditObjectTypesInUse(ctx.db) }),
  );
  app.get('/api/v1/audit/verify', { config: { authorize: (a) => canAudit(a, 'verify') }, schema: { tags: ['audit'], summary: 'Recompute the hash chain' } }, async () =>
    verifyAuditChain(ctx.db),
  );
};
