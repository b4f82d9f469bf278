import type { FieldIssue } from '../shared/localized.ts';
import { partitionId, poolId, type ProgramPool, type ResourceInventory } from './inventory.ts';
import { fitIssue, type EditSurface } from './fit-issues.ts';
import { fitProblems, problemSignature } from './pool-fit.ts';
import { particle } from '../shared/korean-particles.ts';

/** What every reference in the inventory must point at, and what must be unique. */
export function referenceIssues(inventory: ResourceInventory, pools: readonly ProgramPool[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const dup = <T>(items: readonly T[], id: (x: T) => string, field: (id: string) => string, what: { ko: string; en: string }) => {
    const seen = new Set<string>();
    for (const x of items) {
      const k = id(x);
      if (seen.has(k))
        issues.push({ field: field(k), message: { ko: `${what.ko} ${k}${particle(k, '이/가')} 이미 있습니다`, en: `${what.en} ${k} already exists` } });
      seen.add(k);
    }
  };
  dup(
    inventory.nodeTypes,
    (t) => t.key,
    (k) => `nodeTypes.${k}.key`,
    { ko: '노드 유형', en: 'node type' },
  );
  dup(
    inventory.clusters,
    (c) => c.key,
    (k) => `clusters.${k}.key`,
    { ko: '클러스터', en: 'cluster' },
  );
  dup(
    inventory.clusters,
    (c) => c.slurmClusterName,
    (k) => `clusters.${k}.slurmClusterName`,
    { ko: 'Slurm 클러스터 이름', en: 'Slurm cluster name' },
  );
  dup(inventory.partitions, partitionId, (k) => `partitions.${k}.name`, { ko: '파티션', en: 'partition' });

  const clusters = new Set(inventory.clusters.map((c) => c.key));
  const types = new Set(inventory.nodeTypes.map((t) => t.key));
  const partitions = new Set(inventory.partitions.map(partitionId));
  const known = new Set(pools.map(poolId));
  for (const p of inventory.partitions) {
    const at = `partitions.${partitionId(p)}`;
    if (!clusters.has(p.clusterKey))
      issues.push({
        field: `${at}.clusterKey`,
        message: { ko: `클러스터 ${p.clusterKey}${particle(p.clusterKey, '이/가')} 없습니다`, en: `no cluster ${p.clusterKey}` },
      });
    if (!types.has(p.nodeTypeKey))
      issues.push({
        field: `${at}.nodeTypeKey`,
        message: { ko: `노드 유형 ${p.nodeTypeKey}${particle(p.nodeTypeKey, '이/가')} 없습니다`, en: `no node type ${p.nodeTypeKey}` },
      });
  }
  const boundPools = new Set<string>();
  for (const b of inventory.bindings) {
    const at = `bindings.${poolId(b)}`;
    if (boundPools.has(poolId(b)))
      issues.push({
        field: `${at}.poolKey`,
        message: {
          ko: `풀 ${poolId(b)}${particle(poolId(b), '은/는')} 이미 다른 파티션에 묶여 있습니다`,
          en: `pool ${poolId(b)} is already bound to a partition`,
        },
      });
    boundPools.add(poolId(b));
    if (!known.has(poolId(b)))
      issues.push({
        field: `${at}.poolKey`,
        message: {
          ko: `사업 ${b.programSlug}에 GPU 풀 ${b.poolKey}${particle(b.poolKey, '이/가')} 없습니다`,
          en: `program ${b.programSlug} has no GPU pool ${b.poolKey}`,
        },
      });
    if (!partitions.has(partitionId(b)))
      issues.push({
        field: `${at}.partitionName`,
        message: { ko: `파티션 ${partitionId(b)}${particle(partitionId(b), '이/가')} 없습니다`, en: `no partition ${partitionId(b)}` },
      });
  }
  return issues;
}

/** Every problem of the inventory as it stands (the overview shows them), named from the pools' side. */
export function validateInventory(inventory: ResourceInventory, pools: readonly ProgramPool[]): FieldIssue[] {
  return [...referenceIssues(inventory, pools), ...fitProblems(inventory, pools).map((p) => fitIssue(p, 'inventory'))];
}

/**
 * Judges one edit: the issues the edit would bring in, each naming the field of the edit's input
 * (the last part of the path: `partitionName`, `nodeGroups`, `gpusPerNode` …). What was
 * already wrong before (say, a program enlarged its pool after binding) does not block an unrelated
 * edit — but an edit that makes it worse changes the numbers, so it counts as new.
 */
export function judgeInventoryEdit(current: ResourceInventory, next: ResourceInventory, pools: readonly ProgramPool[], surface: EditSurface): FieldIssue[] {
  const key = (i: FieldIssue) => `${i.field}|${i.message.en}`;
  const before = new Set(referenceIssues(current, pools).map(key));
  const refs = referenceIssues(next, pools)
    .filter((i) => !before.has(key(i)))
    .map((i) => ({ ...i, field: i.field.split('.').at(-1)! }));
  const had = new Set(fitProblems(current, pools).map(problemSignature));
  const fits = fitProblems(next, pools)
    .filter((p) => !had.has(problemSignature(p)))
    .map((p) => fitIssue(p, surface));
  return [...refs, ...fits];
}
