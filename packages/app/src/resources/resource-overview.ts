import { asc } from 'drizzle-orm';
import { partitionId, poolId } from '@stagegate/core/resources/inventory';
import { partitionUsages, unboundPools } from '@stagegate/core/resources/partition-usage';
import { validateInventory } from '@stagegate/core/resources/validate-inventory';
import type { Db } from '../db/connect.ts';
import { programs } from '../db/schema/index.ts';
import { loadInventory, loadProgramPools } from './inventory-store.ts';

/**
 * The resources screen: node types (with how many nodes of each are recorded), clusters with their
 * partitions and the program pools on them (nodes used / total), pools not placed yet, and any
 * problem the inventory has now (e.g. a program enlarged a pool after it was bound).
 */
export async function resourceOverview(db: Db) {
  const [inventory, pools, programRows] = await Promise.all([
    loadInventory(db),
    loadProgramPools(db),
    db.select({ slug: programs.slug, definition: programs.definition }).from(programs).orderBy(asc(programs.createdAt)),
  ]);
  const usages = partitionUsages(inventory, pools);
  const shortName = new Map(programRows.map((r) => [r.slug, r.definition.shortName]));
  const bindingOf = new Map(inventory.bindings.map((b) => [poolId(b), b]));
  return {
    nodeTypes: inventory.nodeTypes.map((t) => ({
      ...t,
      nodes: usages.filter((u) => u.nodeType?.key === t.key).reduce((s, u) => s + u.nodes, 0),
    })),
    clusters: inventory.clusters.map((c) => {
      const parts = inventory.partitions.filter((p) => p.clusterKey === c.key);
      return {
        ...c,
        partitions: parts.map((p) => {
          const u = usages.find((x) => partitionId(x) === partitionId(p))!;
          return {
            name: p.name,
            nodeTypeKey: p.nodeTypeKey,
            nodeType: u.nodeType,
            nodeGroups: p.nodeGroups,
            nodes: u.nodes,
            capacityGpus: u.capacityGpus,
            usedNodes: u.usedNodes,
            usedGpus: u.usedGpus,
            pools: u.pools.map((x) => ({ ...x, programShortName: shortName.get(x.programSlug) ?? null })),
          };
        }),
      };
    }),
    pools: pools.map((p) => {
      const b = bindingOf.get(poolId(p));
      return {
        programSlug: p.programSlug,
        programShortName: shortName.get(p.programSlug) ?? null,
        poolKey: p.key,
        name: p.name,
        gpuModel: p.nodeType.gpuModel,
        gpusPerNode: p.nodeType.gpusPerNode,
        gpus: p.gpus,
        nodes: p.nodes,
        placement: b ? { clusterKey: b.clusterKey, partitionName: b.partitionName } : null,
      };
    }),
    unbound: unboundPools(inventory, pools).map(poolId),
    problems: validateInventory(inventory, pools),
  };
}
