import { partitionId, partitionNodes, poolId, type NodeTypeSpec, type PartitionSpec, type ProgramPool, type ResourceInventory } from './inventory.ts';

export interface PoolOnPartition {
  programSlug: string;
  poolKey: string;
  name: ProgramPool['name'];
  gpus: number;
  /** nodes the pool occupies: a pool holds whole nodes, so a partial node counts as taken */
  nodes: number;
}

export interface PartitionUsage {
  clusterKey: string;
  name: string;
  nodeType: NodeTypeSpec | null;
  nodes: number;
  capacityGpus: number;
  usedNodes: number;
  usedGpus: number;
  pools: PoolOnPartition[];
}

/** Nodes a pool of `gpus` takes on nodes of `gpusPerNode`. */
export const nodesFor = (gpus: number, gpusPerNode: number) => Math.ceil(gpus / gpusPerNode);

/** A partition's pools, with the nodes they take of its node type. */
export function usageOfPartition(
  partition: PartitionSpec,
  nodeType: NodeTypeSpec | undefined,
  inventory: ResourceInventory,
  pools: readonly ProgramPool[],
): PartitionUsage {
  const byId = new Map(pools.map((p) => [poolId(p), p]));
  const id = partitionId(partition);
  const perNode = nodeType?.gpusPerNode ?? 0;
  const bound = inventory.bindings
    .filter((b) => partitionId(b) === id)
    .flatMap((b) => {
      const pool = byId.get(poolId(b));
      return pool
        ? [{ programSlug: pool.programSlug, poolKey: pool.key, name: pool.name, gpus: pool.gpus, nodes: perNode ? nodesFor(pool.gpus, perNode) : 0 }]
        : [];
    });
  const nodes = partitionNodes(partition);
  return {
    clusterKey: partition.clusterKey,
    name: partition.name,
    nodeType: nodeType ?? null,
    nodes,
    capacityGpus: nodes * perNode,
    usedNodes: bound.reduce((s, p) => s + p.nodes, 0),
    usedGpus: bound.reduce((s, p) => s + p.gpus, 0),
    pools: bound,
  };
}

/** Every partition's usage, in the inventory's order. */
export function partitionUsages(inventory: ResourceInventory, pools: readonly ProgramPool[]): PartitionUsage[] {
  const types = new Map(inventory.nodeTypes.map((t) => [t.key, t]));
  return inventory.partitions.map((p) => usageOfPartition(p, types.get(p.nodeTypeKey), inventory, pools));
}

/** Pools no partition hosts yet. */
export function unboundPools(inventory: ResourceInventory, pools: readonly ProgramPool[]): ProgramPool[] {
  const bound = new Set(inventory.bindings.map(poolId));
  return pools.filter((p) => !bound.has(poolId(p)));
}

/**
 * GPUs of the inventory nodes placed in one pool: the whole nodes of the partition it is bound to,
 * less the nodes the other pools on that partition take. Null when the pool is not bound.
 */
export function placedGpusOfPool(inventory: ResourceInventory, pools: readonly ProgramPool[], programSlug: string, poolKey: string): number | null {
  const binding = inventory.bindings.find((b) => b.programSlug === programSlug && b.poolKey === poolKey);
  if (!binding) return null;
  const partition = inventory.partitions.find((p) => partitionId(p) === partitionId(binding));
  const nodeType = partition && inventory.nodeTypes.find((t) => t.key === partition.nodeTypeKey);
  if (!partition || !nodeType) return 0;
  const usage = usageOfPartition(partition, nodeType, inventory, pools);
  const others = usage.pools.filter((p) => !(p.programSlug === programSlug && p.poolKey === poolKey)).reduce((s, p) => s + p.nodes, 0);
  return Math.max(0, usage.nodes - others) * nodeType.gpusPerNode;
}
