import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { resourcesContract as c } from '@stagegate/core/contract/resources';
import type { AppContext } from '../../context.ts';
import { canResource } from '../../policies/resource-policy.ts';
import { invalid, notFound } from '../errors.ts';
import { resourceOverview } from '../../resources/resource-overview.ts';
import { bindPool, saveCluster, saveNodeType, savePartition, unbindPool, type ResourceMutation } from '../../resources/resource-editor.ts';

function sendResource(result: ResourceMutation) {
  if (result.status === 'invalid') throw invalid(result.issues);
  if (result.status === 'not_found') throw notFound(result.what);
  return result;
}

export const resourceRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { authorize: (a: Parameters<typeof canResource>[0]) => canResource(a, 'read') };
    const edit = { authorize: (a: Parameters<typeof canResource>[0]) => canResource(a, 'edit') };
    const bind = { authorize: (a: Parameters<typeof canResource>[0]) => canResource(a, 'bind') };
    const tags = ['resources'];

    app.get(
      c.overview.path,
      {
        config: read,
        schema: { ...c.overview.schema, tags, summary: 'Node types, clusters with partitions and the program pools on them (nodes used / total)' },
      },
      async () => resourceOverview(ctx.db),
    );

    app.post(
      c.createNodeType.path,
      { config: edit, schema: { ...c.createNodeType.schema, tags, summary: 'Record a node type (GPU model, GPUs per node)' } },
      async (req) => sendResource(await saveNodeType(ctx.db, req.actor, req.body.nodeType, req.body)),
    );
    app.put(
      c.updateNodeType.path,
      { config: edit, schema: { ...c.updateNodeType.schema, tags, summary: 'Change a node type; refused when a pool on it would no longer fit' } },
      async (req) => sendResource(await saveNodeType(ctx.db, req.actor, req.body.nodeType, { ...req.body, key: req.params.key })),
    );

    app.post(c.createCluster.path, { config: edit, schema: { ...c.createCluster.schema, tags, summary: 'Record a cluster' } }, async (req) =>
      sendResource(await saveCluster(ctx.db, req.actor, req.body.cluster, req.body)),
    );
    app.put(c.updateCluster.path, { config: edit, schema: { ...c.updateCluster.schema, tags, summary: 'Change a cluster' } }, async (req) =>
      sendResource(await saveCluster(ctx.db, req.actor, req.body.cluster, { ...req.body, key: req.params.key })),
    );

    app.post(
      c.createPartition.path,
      { config: edit, schema: { ...c.createPartition.schema, tags, summary: 'Record a partition of a cluster: node type and node groups' } },
      async (req) => sendResource(await savePartition(ctx.db, req.actor, req.params.key, req.body.partition, req.body)),
    );
    app.put(
      c.updatePartition.path,
      { config: edit, schema: { ...c.updatePartition.schema, tags, summary: 'Change a partition; refused when its pools would no longer fit' } },
      async (req) => sendResource(await savePartition(ctx.db, req.actor, req.params.key, req.body.partition, { ...req.body, name: req.params.name })),
    );

    app.put(
      c.bindPool.path,
      {
        config: bind,
        schema: { ...c.bindPool.schema, tags, summary: "Put a program's GPU pool on a partition: whole nodes, same GPU model, within the partition" },
      },
      async (req) => sendResource(await bindPool(ctx.db, req.actor, req.params.program, req.params.pool, req.body, req.body)),
    );
    app.delete(
      c.unbindPool.path,
      { config: bind, schema: { ...c.unbindPool.schema, tags, summary: 'Take a pool off its partition, naming the node groups it frees and why' } },
      async (req) => sendResource(await unbindPool(ctx.db, req.actor, req.params.program, req.params.pool, req.body)),
    );
  };
