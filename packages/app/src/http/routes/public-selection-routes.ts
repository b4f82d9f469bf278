import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { publicSelectionResults } from '../../review/public-selection-results.ts';
import { selectionResultsContract as c } from '@stagegate/core/contract/selection-results';

export const publicSelectionRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      c.published.path,
      {
        config: { authorize: () => true },
        schema: {
          ...c.published.schema,
          tags: ['public'],
          summary: 'Published selection results: the selected and reserve proposals of each call; no one else is named, no unselected score shown',
        },
      },
      async () => ({ results: await publicSelectionResults(ctx.db) }),
    );
  };
