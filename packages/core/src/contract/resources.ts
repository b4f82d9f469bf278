import { z } from 'zod';
import { route, text } from './route.ts';

const int = z.number().int();
const mode = z.enum(['preview', 'commit']);
const reason = z.string().max(2000).optional();
const keyParam = z.string().min(1).max(80);
// the objects themselves are checked by core's schemas (field issues in both languages), not here
const object = z.record(z.string(), z.unknown());
const nodes = z.array(z.string().min(1).max(200)).max(1000).optional();
const poolParams = z.object({ program: keyParam, pool: keyParam });

const nodeType = z.object({ key: z.string(), gpuModel: z.string(), gpusPerNode: int, cpusPerNode: int.nullable(), memoryGb: int.nullable() });
const fieldIssue = z.object({ field: z.string(), message: text });

/** A program pool on a partition: the nodes it takes. */
const poolOnPartition = z.object({ programSlug: z.string(), poolKey: z.string(), name: text, gpus: int, nodes: int });

/** A partition's capacity and the pools on it. */
export const partitionUsage = z.object({
  clusterKey: z.string(),
  name: z.string(),
  nodeType: nodeType.nullable(),
  nodes: int,
  capacityGpus: int,
  usedNodes: int,
  usedGpus: int,
  pools: z.array(poolOnPartition),
});

const partitionView = z.object({
  name: z.string(),
  nodeTypeKey: z.string(),
  nodeType: nodeType.nullable(),
  nodeGroups: z.array(z.object({ label: z.string(), nodes: int })),
  nodes: int,
  capacityGpus: int,
  usedNodes: int,
  usedGpus: int,
  pools: z.array(poolOnPartition.extend({ programShortName: text.nullable() })),
});

export const resourcesOverview = z.object({
  nodeTypes: z.array(nodeType.extend({ nodes: int })),
  clusters: z.array(
    z.object({ key: z.string(), name: text, site: text, slurmClusterName: z.string(), notes: z.string().nullable(), partitions: z.array(partitionView) }),
  ),
  pools: z.array(
    z.object({
      programSlug: z.string(),
      programShortName: text.nullable(),
      poolKey: z.string(),
      name: text,
      gpuModel: z.string(),
      gpusPerNode: int,
      gpus: int,
      nodes: int,
      placement: z.object({ clusterKey: z.string(), partitionName: z.string() }).nullable(),
    }),
  ),
  /** pools not placed on a partition yet (`program/pool`) */
  unbound: z.array(z.string()),
  /** what the inventory gets wrong now (e.g. a program enlarged a pool after it was bound) */
  problems: z.array(fieldIssue),
});

/** Validate → preview → commit of the inventory: the changed fields and the partitions they touch. */
const resourceMutation = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('preview'),
    changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    partitions: z.array(partitionUsage),
  }),
  z.object({ status: z.literal('unchanged') }),
  z.object({
    status: z.literal('committed'),
    changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    partitions: z.array(partitionUsage),
  }),
]);
const answers = { 200: resourceMutation };

/** The compute the programs run on: node types, clusters, partitions, and where each program pool is bound. */
export const resourcesContract = {
  overview: route('GET', '/api/v1/resources', { response: { 200: resourcesOverview } }),
  createNodeType: route('POST', '/api/v1/resources/node-types', { body: z.object({ mode, reason, nodeType: object }), response: answers }),
  updateNodeType: route('PUT', '/api/v1/resources/node-types/:key', {
    params: z.object({ key: keyParam }),
    body: z.object({ mode, reason, nodeType: object }),
    response: answers,
  }),
  createCluster: route('POST', '/api/v1/resources/clusters', { body: z.object({ mode, reason, cluster: object }), response: answers }),
  updateCluster: route('PUT', '/api/v1/resources/clusters/:key', {
    params: z.object({ key: keyParam }),
    body: z.object({ mode, reason, cluster: object }),
    response: answers,
  }),
  createPartition: route('POST', '/api/v1/resources/clusters/:key/partitions', {
    params: z.object({ key: keyParam }),
    body: z.object({ mode, reason, partition: object }),
    response: answers,
  }),
  updatePartition: route('PUT', '/api/v1/resources/clusters/:key/partitions/:name', {
    params: z.object({ key: keyParam, name: keyParam }),
    body: z.object({ mode, reason, partition: object }),
    response: answers,
  }),
  bindPool: route('PUT', '/api/v1/resources/pools/:program/:pool/binding', {
    params: poolParams,
    body: z.object({ mode, reason, nodes, clusterKey: z.string().min(1).max(80), partitionName: z.string().min(1).max(80) }),
    response: answers,
  }),
  unbindPool: route('DELETE', '/api/v1/resources/pools/:program/:pool/binding', {
    params: poolParams,
    body: z.object({ mode, reason, nodes }),
    response: answers,
  }),
};
