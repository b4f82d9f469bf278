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
export function usageOfPartition(partition: PartitionSpec, nodeType: NodeTypeSpec | undefined, inventory: ResourceInventory, pools: readonly ProgramPool[]): PartitionUsage {
  const byId = new Map(pools.map((p) => [poolId(p), p]));
  const id = partitionId(partition);
  const perNode = nodeType?.gpusPerNode ?? 0;
  const bound = inventory.bindings
    .filter((b) => partitionId(b) === id)
    .flatMap((b) => {
      const pool = byId.get(poolId(b));
      return pool ? [{ programSlug: pool.programSlug, poolKey: pool.key, name: pool.name, gpus: pool.gpus, nodes: perNode ? nodesFor(pool.gpus, perNode) : 0 }] : [];
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
