import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canEvaluation } from '../../policies/evaluation-policy.ts';
import { getProgram } from '../../programs/program-store.ts';
import { listModelEndpoints, registerModelEndpoint, removeModelEndpoint, type EndpointChange } from '../../evaluation/model-endpoints.ts';
import { modelEndpointsContract as c } from '@stagegate/core/contract/model-endpoints';
import { invalid, notFound } from '../errors.ts';

function settle(res: EndpointChange) {
  if (res.status === 'invalid') throw invalid(res.issues);
  if (res.status === 'not_found') throw notFound('model endpoint');
  return res;
}

/** The program office's registry of model endpoints: the only places the server sends evaluation requests. */
export const modelEndpointRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { authorize: (a: Parameters<typeof canEvaluation>[0]) => canEvaluation(a, 'manageEndpoints') };

    app.get(
      c.list.path,
      { config: manage, schema: { ...c.list.schema, tags: ['evaluation'], summary: 'Model endpoints the office registered for the program' } },
      async (req) => {
        if (!(await getProgram(ctx.db, req.params.slug))) throw notFound(`program "${req.params.slug}"`);
        return { endpoints: await listModelEndpoints(ctx.db, req.params.slug) };
      },
    );

    app.post(
      c.register.path,
      {
        config: manage,
        schema: {
          ...c.register.schema,
          tags: ['evaluation'],
          summary: 'Register a model endpoint (preview, then commit); allowPrivate lets it sit on a loopback or private address',
        },
      },
      async (req, reply) => {
        if (!(await getProgram(ctx.db, req.params.slug))) throw notFound(`program "${req.params.slug}"`);
        const res = settle(await registerModelEndpoint(ctx.db, req.actor!, req.params.slug, req.body));
        return res.status === 'committed' ? reply.status(201).send(res) : res;
      },
    );

    app.delete(
      c.remove.path,
      { config: manage, schema: { ...c.remove.schema, tags: ['evaluation'], summary: 'Remove a model endpoint (preview, then commit)' } },
      async (req) => settle(await removeModelEndpoint(ctx.db, req.actor!, req.params.id, req.body.mode)),
    );
  };
