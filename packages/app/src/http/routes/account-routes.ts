import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canAccount } from '../../policies/account-policy.ts';
import { listAccounts } from '../../accounts/account-directory.ts';
import { accountsContract as c } from '@stagegate/core/contract/accounts';

export const accountRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      c.list.path,
      {
        config: { authorize: (a) => canAccount(a, 'list') },
        schema: {
          ...c.list.schema,
          tags: ['accounts'],
          summary: 'Accounts of one role (reviewers for a stage panel, evaluators for an arena), searched by name or e-mail, one page at a time',
        },
      },
      async (req) => listAccounts(ctx.db, req.query),
    );
  };
