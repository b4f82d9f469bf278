import { partitionId, poolId, type NodeTypeSpec, type PartitionSpec, type ProgramPool, type ResourceInventory } from './inventory.ts';
import { usageOfPartition, type PartitionUsage } from './partition-usage.ts';

/**
 * Why a pool does not fit the partition it is bound to. Kept as data (not text) so each edit
 * surface can name its own field, and so "did this edit make something new go wrong" is a
 * comparison of values.
 */
export type FitProblem =
  | { kind: 'gpu-model'; pool: ProgramPool; partition: PartitionSpec; nodeType: NodeTypeSpec }
  | { kind: 'gpus-per-node'; pool: ProgramPool; partition: PartitionSpec; nodeType: NodeTypeSpec }
  | { kind: 'whole-nodes'; pool: ProgramPool; partition: PartitionSpec; nodeType: NodeTypeSpec }
  | { kind: 'over-capacity'; partition: PartitionSpec; nodeType: NodeTypeSpec; usage: PartitionUsage };

/** "NVIDIA B200", "nvidia b200" and "B200" are one model; "B200" and "H200" are not. */
export function sameGpuModel(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/^\s*nvidia\s+/, '')
      .replace(/[^a-z0-9]+/g, '');
  return norm(a) === norm(b);
}

/** The problems of one pool on nodes of one type, whatever else shares the partition. */
export function poolOnNodeTypeProblems(pool: ProgramPool, partition: PartitionSpec, nodeType: NodeTypeSpec): FitProblem[] {
  const out: FitProblem[] = [];
  if (!sameGpuModel(pool.nodeType.gpuModel, nodeType.gpuModel)) out.push({ kind: 'gpu-model', pool, partition, nodeType });
  if (pool.nodeType.gpusPerNode !== nodeType.gpusPerNode) out.push({ kind: 'gpus-per-node', pool, partition, nodeType });
  if (pool.gpus % nodeType.gpusPerNode !== 0) out.push({ kind: 'whole-nodes', pool, partition, nodeType });
  return out;
}

/**
 * Every fit problem of the inventory: each bound pool against its partition's node type, and each
 * partition against the sum of its pools (in whole nodes). Bindings to unknown partitions or pools
 * are reference problems, reported by validateInventory.
 */
export function fitProblems(inventory: ResourceInventory, pools: readonly ProgramPool[]): FitProblem[] {
  const types = new Map(inventory.nodeTypes.map((t) => [t.key, t]));
  const poolsById = new Map(pools.map((p) => [poolId(p), p]));
  const out: FitProblem[] = [];
  for (const partition of inventory.partitions) {
    const nodeType = types.get(partition.nodeTypeKey);
    if (!nodeType) continue;
    const id = partitionId(partition);
    for (const b of inventory.bindings.filter((x) => partitionId(x) === id)) {
      const pool = poolsById.get(poolId(b));
      if (pool) out.push(...poolOnNodeTypeProblems(pool, partition, nodeType));
    }
    const usage = usageOfPartition(partition, nodeType, inventory, pools);
    if (usage.usedNodes > usage.nodes) out.push({ kind: 'over-capacity', partition, nodeType, usage });
  }
  return out;
}

/** Two problems are the same when they say the same thing about the same objects with the same numbers. */
export function problemSignature(p: FitProblem): string {
  const part = partitionId(p.partition);
  if (p.kind === 'over-capacity')
    return `${p.kind}|${part}|${p.nodeType.gpusPerNode}|${p.usage.nodes}|${p.usage.pools.map((x) => `${poolId(x)}=${x.gpus}`).join(',')}`;
  return `${p.kind}|${part}|${poolId(p.pool)}|${p.pool.gpus}|${p.pool.nodeType.gpuModel}|${p.pool.nodeType.gpusPerNode}|${p.nodeType.gpuModel}|${p.nodeType.gpusPerNode}`;
}
