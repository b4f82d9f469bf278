import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { canSeeOfficeDesk } from '../../policies/office-policy.ts';
import { loadOfficeCalendar, loadOfficeInbox } from '../../office/office-home-store.ts';
import type { AppContext } from '../../context.ts';
import { officeContract as c } from '@stagegate/core/contract/office';

export const officeRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      c.home.path,
      {
        config: { authorize: canSeeOfficeDesk },
        schema: { ...c.home.schema, tags: ['office'], summary: 'What waits for the program office, and every program’s calendar against today in Seoul' },
      },
      async () => ({ waiting: await loadOfficeInbox(ctx.db), calendar: await loadOfficeCalendar(ctx.db) }),
    );
  };
