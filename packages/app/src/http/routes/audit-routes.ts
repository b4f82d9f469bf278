import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContract as c } from '@stagegate/core/contract/audit';
import { verifyAuditChain } from '../../audit/audit-log.ts';
import { auditActionsInUse, auditObjectTypesInUse, listAuditPage } from '../../audit/audit-query.ts';
import { nameAuditObjects } from '../../audit/audit-object-names.ts';
import { canAudit } from '../../policies/audit-policy.ts';
import type { AppContext } from '../../context.ts';

/** `operator@demo.stagegate.kr (operator)` as recorded, split so the viewer can name the role in the reader's language. */
function actorOf(label: string): { email: string; role: string } | null {
  const m = /^(.*) \(([a-z]+)\)$/.exec(label);
  return m ? { email: m[1]!, role: m[2]! } : null;
}

export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      c.list.path,
      {
        config: { authorize: (a) => canAudit(a, 'read') },
        schema: {
          ...c.list.schema,
          tags: ['audit'],
          summary: 'The audit log, newest first, a page at a time, narrowed by object, action, actor, reason and Korea days',
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
      c.facets.path,
      {
        config: { authorize: (a) => canAudit(a, 'read') },
        schema: { ...c.facets.schema, tags: ['audit'], summary: 'The actions and kinds of object the audit log holds, for its filters' },
      },
      async () => ({ actions: await auditActionsInUse(ctx.db), objectTypes: await auditObjectTypesInUse(ctx.db) }),
    );
    app.get(
      c.verify.path,
      { config: { authorize: (a) => canAudit(a, 'verify') }, schema: { ...c.verify.schema, tags: ['audit'], summary: 'Recompute the hash chain' } },
      async () => verifyAuditChain(ctx.db),
    );
  };
