import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canAccount } from '../../policies/account-policy.ts';
import { ACCOUNT_PAGE_MAX, listAccounts } from '../../accounts/account-directory.ts';

export const accountRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/v1/accounts',
    {
      config: { authorize: (a) => canAccount(a, 'list') },
      schema: {
        tags: ['accounts'],
        summary: 'Accounts of one role (reviewers for a stage panel, evaluators for an arena), searched by name or e-mail, one page at a time',
        querystring: z.object({
          role: z.enum(['reviewer', 'evaluator']),
          q: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(ACCOUNT_PAGE_MAX).default(50),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
      },
    },
    async (req) => listAccounts(ctx.db, req.query),
  );
};
