import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canResource } from '../../policies/resource-policy.ts';
import { invalid, notFound } from '../errors.ts';
import { resourceOverview } from '../../resources/resource-overview.ts';
import { bindPool, saveCluster, saveNodeType, savePartition, unbindPool, type ResourceMutation } from '../../resources/resource-editor.ts';

const mode = z.enum(['preview', 'commit']);
const reason = z.string().max(2000).optional();
const keyParam = z.string().min(1).max(80);
// the objects themselves are checked by core's schemas (field issues in both languages), not here
const object = z.record(z.string(), z.unknown());

function sendResource(result: ResourceMutation) {
  if (result.status === 'invalid') throw invalid(result.issues);
  if (result.status === 'not_found') throw notFound(result.what);
  return result;
}

export const resourceRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const read = { authorize: (a: Parameters<typeof canResource>[0]) => canResource(a, 'read') };
  const edit = { authorize: (a: Parameters<typeof canResource>[0]) => canResource(a, 'edit') };
  const bind = { authorize: (a: Parameters<typeof canResource>[0]) => canResource(a, 'bind') };
  const tags = ['resources'];

  app.get('/api/v1/resources', { config: read, schema: { tags, summary: 'Node types, clusters with partitions and the program pools on them (nodes used / total)' } }, async () => resourceOverview(ctx.db));

  app.post(
    '/api/v1/resources/node-types',
    { config: edit, schema: { tags, summary: 'Record a node type (GPU model, GPUs per node)', body: z.object({ mode, reason, nodeType: object }) } },
    async (req) => sendResource(await saveNodeType(ctx.db, req.actor, req.body.nodeType, req.body)),
  );
  app.put(
    '/api/v1/resources/node-types/:key',
    { config: edit, schema: { tags, summary: 'Change a node type; refused when a pool on it would no longer fit', params: z.object({ key: keyParam }), body: z.object({ mode, reason, nodeType: object }) } },
    async (req) => sendResource(await saveNodeType(ctx.db, req.actor, req.body.nodeType, { ...req.body, key: req.params.key })),
  );

  app.post(
    '/api/v1/resources/clusters',
    { config: edit, schema: { tags, summary: 'Record a cluster', body: z.object({ mode, reason, cluster: object }) } },
    async (req) => sendResource(await saveCluster(ctx.db, req.actor, req.body.cluster, req.body)),
  );
  app.put(
    '/api/v1/resources/clusters/:key',
    { config: edit, schema: { tags, summary: 'Change a cluster', params: z.object({ key: keyParam }), body: z.object({ mode, reason, cluster: object }) } },
    async (req) => sendResource(await saveCluster(ctx.db, req.actor, req.body.cluster, { ...req.body, key: req.params.key })),
  );

  app.post(
    '/api/v1/resources/clusters/:key/partitions',
    { config: edit, schema: { tags, summary: 'Record a partition of a cluster: node type and node groups', params: z.object({ key: keyParam }), body: z.object({ mode, reason, partition: object }) } },
    async (req) => sendResource(await savePartition(ctx.db, req.actor, req.params.key, req.body.partition, req.body)),
  );
  app.put(
    '/api/v1/resources/clusters/:key/partitions/:name',
    {
      config: edit,
      schema: { tags, summary: 'Change a partition; refused when its pools would no longer fit', params: z.object({ key: keyParam, name: keyParam }), body: z.object({ mode, reason, partition: object }) },
    },
    async (req) => sendResource(await savePartition(ctx.db, req.actor, req.params.key, req.body.partition, { ...req.body, name: req.params.name })),
  );

  app.put(
    '/api/v1/resources/pools/:program/:pool/binding',
    {
      config: bind,
      schema: {
        tags,
        summary: "Put a program's GPU pool on a partition: whole nodes, same GPU model, within the partition",
        params: z.object({ program: keyParam, pool: keyParam }),
        body: z.object({ mode, reason, nodes: z.array(z.string().min(1).max(200)).max(1000).optional(), clusterKey: z.string().min(1).max(80), partitionName: z.string().min(1).max(80) }),
      },
    },
    async (req) => sendResource(await bindPool(ctx.db, req.actor, req.params.program, req.params.pool, req.body, req.body)),
  );
  app.delete(
    '/api/v1/resources/pools/:program/:pool/binding',
    { config: bind, schema: { tags, summary: 'Take a pool off its partition, naming the node groups it frees and why', params: z.object({ program: keyParam, pool: keyParam }), body: z.object({ mode, reason, nodes: z.array(z.string().min(1).max(200)).max(1000).optional() }) } },
    async (req) => sendResource(await unbindPool(ctx.db, req.actor, req.params.program, req.params.pool, req.body)),
  );
};
