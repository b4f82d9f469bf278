import { and, asc, eq, sql } from 'drizzle-orm';
import { poolsOfProgram, type GpuPoolCapacity } from '@stagegate/core/allocation/resources';
import { partitionId, poolId, type PartitionSpec, type ResourceInventory } from '@stagegate/core/resources/inventory';
import type { Db, Tx } from '../db/connect.ts';
import { programs, resourceClusters, resourceNodeTypes, resourcePartitionNodes, resourcePartitions, resourcePoolBindings } from '../db/schema/index.ts';
import { readAll } from '../db/read-all.ts';

/** Everything recorded about clusters, partitions, node types and pool bindings, as core sees it. */
export async function loadInventory(db: Db | Tx): Promise<ResourceInventory> {
  const [types, clusters, parts, groups, bindings] = await readAll(db, [
    () => db.select().from(resourceNodeTypes).orderBy(asc(resourceNodeTypes.key)),
    () => db.select().from(resourceClusters).orderBy(asc(resourceClusters.key)),
    () => db.select().from(resourcePartitions).orderBy(asc(resourcePartitions.clusterKey), asc(resourcePartitions.name)),
    () => db.select().from(resourcePartitionNodes).orderBy(asc(resourcePartitionNodes.position)),
    () => db.select().from(resourcePoolBindings).orderBy(asc(resourcePoolBindings.programSlug), asc(resourcePoolBindings.poolKey)),
  ]);
  return {
    nodeTypes: types.map((t) => ({ key: t.key, gpuModel: t.gpuModel, gpusPerNode: t.gpusPerNode, cpusPerNode: t.cpusPerNode, memoryGb: t.memoryGb })),
    clusters: clusters.map((c) => ({ key: c.key, name: c.name, site: c.site, slurmClusterName: c.slurmClusterName, notes: c.notes })),
    partitions: parts.map((p) => ({
      clusterKey: p.clusterKey,
      name: p.name,
      nodeTypeKey: p.nodeTypeKey,
      nodeGroups: groups.filter((g) => g.clusterKey === p.clusterKey && g.partitionName === p.name).map((g) => ({ label: g.label, nodes: g.nodes })),
    })),
    bindings: bindings.map((b) => ({ programSlug: b.programSlug, poolKey: b.poolKey, clusterKey: b.clusterKey, partitionName: b.partitionName })),
  };
}

/** Every program's GPU pools, from the programs' definitions (the program editor owns them). */
export async function loadProgramPools(db: Db | Tx): Promise<GpuPoolCapacity[]> {
  const rows = await db.select({ slug: programs.slug, definition: programs.definition }).from(programs).orderBy(asc(programs.createdAt), asc(programs.slug));
  return rows.flatMap((r) => poolsOfProgram(r.definition));
}

/** Serialises every resource edit across app processes: a binding's check spans the whole partition. */
export async function lockResources(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('resources'))`);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function writePartitionNodes(tx: Tx, p: PartitionSpec): Promise<void> {
  const at = and(eq(resourcePartitionNodes.clusterKey, p.clusterKey), eq(resourcePartitionNodes.partitionName, p.name));
  await tx.delete(resourcePartitionNodes).where(at);
  await tx
    .insert(resourcePartitionNodes)
    .values(p.nodeGroups.map((g, position) => ({ clusterKey: p.clusterKey, partitionName: p.name, position, label: g.label, nodes: g.nodes })));
}

/**
 * Makes the tables hold `next`, touching only what differs from `current`. Nothing is ever deleted
 * except a binding (unbinding a pool): node types, clusters and partitions stay on record.
 */
export async function writeInventory(tx: Tx, current: ResourceInventory, next: ResourceInventory): Promise<void> {
  const now = new Date();
  for (const t of next.nodeTypes) {
    const was = current.nodeTypes.find((x) => x.key === t.key);
    if (!was) await tx.insert(resourceNodeTypes).values(t);
    else if (!same(was, t))
      await tx
        .update(resourceNodeTypes)
        .set({ ...t, updatedAt: now })
        .where(eq(resourceNodeTypes.key, t.key));
  }
  for (const c of next.clusters) {
    const was = current.clusters.find((x) => x.key === c.key);
    if (!was) await tx.insert(resourceClusters).values(c);
    else if (!same(was, c))
      await tx
        .update(resourceClusters)
        .set({ ...c, updatedAt: now })
        .where(eq(resourceClusters.key, c.key));
  }
  for (const p of next.partitions) {
    const was = current.partitions.find((x) => partitionId(x) === partitionId(p));
    if (!was) {
      await tx.insert(resourcePartitions).values({ clusterKey: p.clusterKey, name: p.name, nodeTypeKey: p.nodeTypeKey });
      await writePartitionNodes(tx, p);
      continue;
    }
    const at = and(eq(resourcePartitions.clusterKey, p.clusterKey), eq(resourcePartitions.name, p.name));
    if (was.nodeTypeKey !== p.nodeTypeKey) await tx.update(resourcePartitions).set({ nodeTypeKey: p.nodeTypeKey, updatedAt: now }).where(at);
    if (!same(was.nodeGroups, p.nodeGroups)) {
      await writePartitionNodes(tx, p);
      await tx.update(resourcePartitions).set({ updatedAt: now }).where(at);
    }
  }
  const nextBindings = new Map(next.bindings.map((b) => [poolId(b), b]));
  for (const b of current.bindings) {
    if (!nextBindings.has(poolId(b)))
      await tx.delete(resourcePoolBindings).where(and(eq(resourcePoolBindings.programSlug, b.programSlug), eq(resourcePoolBindings.poolKey, b.poolKey)));
  }
  for (const b of next.bindings) {
    const was = current.bindings.find((x) => poolId(x) === poolId(b));
    if (!was) await tx.insert(resourcePoolBindings).values(b);
    else if (!same(was, b)) {
      await tx
        .update(resourcePoolBindings)
        .set({ clusterKey: b.clusterKey, partitionName: b.partitionName, updatedAt: now })
        .where(and(eq(resourcePoolBindings.programSlug, b.programSlug), eq(resourcePoolBindings.poolKey, b.poolKey)));
    }
  }
}
