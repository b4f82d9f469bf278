import { diffDocuments, type FieldChange } from '@stagegate/core/shared/diff';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import {
  clusterSpec,
  nodeTypeSpec,
  partitionId,
  partitionSpec,
  poolId,
  type ClusterSpec,
  type NodeTypeSpec,
  type PartitionSpec,
  type ProgramPool,
  type ResourceInventory,
} from '@stagegate/core/resources/inventory';
import type { EditSurface } from '@stagegate/core/resources/fit-issues';
import { judgeInventoryEdit } from '@stagegate/core/resources/validate-inventory';
import { poolChangeIssues } from '@stagegate/core/resources/pool-change';
import { partitionUsages, type PartitionUsage } from '@stagegate/core/resources/partition-usage';
import type { z } from 'zod';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../auth/actor.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { loadInventory, loadProgramPools, lockResources, writeInventory } from './inventory-store.ts';
import { particle } from '@stagegate/core/shared/korean-particles';
import type { Committed, Invalid, NotFound, Preview, Unchanged } from '@stagegate/core/shared/mutation';

/** validate → preview → commit, as every mutation; a preview also shows the partitions it touches. */
export type ResourceMutation =
  | Invalid
  | NotFound<{ what: string }>
  | Preview<{ changes: FieldChange[]; partitions: PartitionUsage[] }>
  | Unchanged
  | Committed<{ changes: FieldChange[]; partitions: PartitionUsage[] }>;

type Edit = (current: ResourceInventory, pools: ProgramPool[]) => ResourceInventory | { issues: FieldIssue[] } | { notFound: string };

interface EditOptions {
  mode: 'preview' | 'commit';
  reason?: string | null;
  /** what the change must also state, judged after the fit rules (a pool's placement: its nodes and reason) */
  statement?: (current: ResourceInventory, next: ResourceInventory, pools: ProgramPool[]) => FieldIssue[];
  /** recorded in the audit row beside the diff */
  auditExtra?: Record<string, unknown>;
  surface: EditSurface;
  action: string;
  objectType: string;
  objectId: string;
}

/** The inventory keyed by identity, so a diff reads `bindings.k-ai/b200-pool.partitionName`. */
const asDocument = (inv: ResourceInventory) => ({
  nodeTypes: Object.fromEntries(inv.nodeTypes.map((t) => [t.key, t])),
  clusters: Object.fromEntries(inv.clusters.map((c) => [c.key, c])),
  partitions: Object.fromEntries(inv.partitions.map((p) => [partitionId(p), p])),
  bindings: Object.fromEntries(inv.bindings.map((b) => [poolId(b), b])),
});

/** The partitions an edit touched: changed themselves, or gaining or losing a pool. */
function touchedPartitions(current: ResourceInventory, next: ResourceInventory, pools: ProgramPool[]): PartitionUsage[] {
  const ids = new Set<string>();
  const changedTypes = new Set(
    next.nodeTypes.filter((t) => JSON.stringify(t) !== JSON.stringify(current.nodeTypes.find((x) => x.key === t.key))).map((t) => t.key),
  );
  for (const p of next.partitions) {
    const was = current.partitions.find((x) => partitionId(x) === partitionId(p));
    if (JSON.stringify(was) !== JSON.stringify(p) || changedTypes.has(p.nodeTypeKey)) ids.add(partitionId(p));
  }
  const before = new Map(current.bindings.map((b) => [poolId(b), partitionId(b)]));
  const after = new Map(next.bindings.map((b) => [poolId(b), partitionId(b)]));
  for (const pool of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(pool) === after.get(pool)) continue;
    for (const id of [before.get(pool), after.get(pool)]) if (id) ids.add(id);
  }
  return partitionUsages(next, pools).filter((u) => ids.has(partitionId(u)));
}

/**
 * Runs one edit of the inventory: judged by core's rules against every program's pools, previewed
 * as a diff, or committed with an audit row — re-read and re-judged under the resources lock, so
 * two operators cannot both fill the last nodes of a partition.
 */
export async function mutateInventory(db: Db, actor: Actor | null, edit: Edit, opts: EditOptions): Promise<ResourceMutation> {
  const judge = (current: ResourceInventory, pools: ProgramPool[]): ResourceMutation & { next?: ResourceInventory } => {
    const next = edit(current, pools);
    if ('notFound' in next) return { status: 'not_found', what: next.notFound };
    if ('issues' in next) return { status: 'invalid', issues: next.issues };
    const issues = [...judgeInventoryEdit(current, next, pools, opts.surface), ...(opts.statement?.(current, next, pools) ?? [])];
    if (issues.length) return { status: 'invalid', issues };
    const changes = diffDocuments(asDocument(current), asDocument(next));
    if (changes.length === 0) return { status: 'unchanged' };
    return { status: 'preview', changes, partitions: touchedPartitions(current, next, pools), next };
  };
  const first = judge(await loadInventory(db), await loadProgramPools(db));
  if (first.status !== 'preview' || opts.mode === 'preview') {
    const { next: _drop, ...answer } = first;
    return answer as ResourceMutation;
  }
  return db.transaction(async (tx): Promise<ResourceMutation> => {
    await lockResources(tx);
    const current = await loadInventory(tx);
    const again = judge(current, await loadProgramPools(tx));
    if (again.status !== 'preview') {
      const { next: _drop, ...answer } = again;
      return answer as ResourceMutation;
    }
    await writeInventory(tx, current, again.next!);
    await appendAudit(tx, actor, {
      action: opts.action,
      objectType: opts.objectType,
      objectId: opts.objectId,
      before: Object.fromEntries(again.changes.map((c) => [c.field, c.before])),
      after: { ...Object.fromEntries(again.changes.map((c) => [c.field, c.after])), ...(opts.auditExtra ?? {}) },
      reason: opts.reason ?? null,
    });
    return { status: 'committed', changes: again.changes, partitions: again.partitions };
  });
}

/** zod's complaints about an input, as field issues named like the input's fields. */
function parseIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    const field = i.path.map(String).join('.') || '(input)';
    return { field, message: { ko: `${field}: 잘못된 값 (${i.message})`, en: `${field}: ${i.message}` } };
  });
}

const exists = (field: string, ko: string, en: string): { issues: FieldIssue[] } => ({ issues: [{ field, message: { ko, en } }] });

type Save = { mode: 'preview' | 'commit'; reason?: string | null };
type PoolSave = Save & { nodes?: string[] };

/** The pool's statement judged against the partition it goes on (or leaves): named nodes, and a reason to commit. */
function poolStatement(programSlug: string, poolKey: string, opts: PoolSave, side: 'next' | 'current') {
  return (current: ResourceInventory, next: ResourceInventory, pools: ProgramPool[]): FieldIssue[] => {
    const inv = side === 'next' ? next : current;
    const binding = inv.bindings.find((b) => b.programSlug === programSlug && b.poolKey === poolKey);
    const partition = binding && inv.partitions.find((p) => partitionId(p) === partitionId(binding));
    if (!partition) return [];
    const pool = pools.find((p) => p.programSlug === programSlug && p.key === poolKey);
    const needed = side === 'next' && pool ? Math.ceil(pool.gpus / pool.nodeType.gpusPerNode) : null;
    return poolChangeIssues({ reason: opts.reason, nodes: opts.nodes }, partition, needed, opts.mode);
  };
}

/** A new node type, or new values for one (`key` given: an edit). */
export function saveNodeType(db: Db, actor: Actor | null, input: unknown, opts: Save & { key?: string }): Promise<ResourceMutation> {
  const body = opts.key ? { ...(input as object), key: opts.key } : input;
  const parsed = nodeTypeSpec.safeParse(body);
  const k = parsed.success ? parsed.data.key : String((body as { key?: unknown })?.key ?? '');
  return mutateInventory(
    db,
    actor,
    (inv) => {
      if (!parsed.success) return { issues: parseIssues(parsed.error) };
      const t: NodeTypeSpec = parsed.data;
      const was = inv.nodeTypes.some((x) => x.key === t.key);
      if (opts.key && !was) return { notFound: `node type ${t.key}` };
      if (!opts.key && was) return exists('key', `노드 유형 ${t.key}${particle(t.key, '이/가')} 이미 있습니다`, `node type ${t.key} already exists`);
      return { ...inv, nodeTypes: was ? inv.nodeTypes.map((x) => (x.key === t.key ? t : x)) : [...inv.nodeTypes, t] };
    },
    { ...opts, surface: 'node-type', action: opts.key ? 'resources.node-type.update' : 'resources.node-type.create', objectType: 'node-type', objectId: k },
  );
}

export function saveCluster(db: Db, actor: Actor | null, input: unknown, opts: Save & { key?: string }): Promise<ResourceMutation> {
  const body = opts.key ? { ...(input as object), key: opts.key } : input;
  const parsed = clusterSpec.safeParse(body);
  const k = parsed.success ? parsed.data.key : String((body as { key?: unknown })?.key ?? '');
  return mutateInventory(
    db,
    actor,
    (inv) => {
      if (!parsed.success) return { issues: parseIssues(parsed.error) };
      const c: ClusterSpec = parsed.data;
      const was = inv.clusters.some((x) => x.key === c.key);
      if (opts.key && !was) return { notFound: `cluster ${c.key}` };
      if (!opts.key && was) return exists('key', `클러스터 ${c.key}${particle(c.key, '이/가')} 이미 있습니다`, `cluster ${c.key} already exists`);
      return { ...inv, clusters: was ? inv.clusters.map((x) => (x.key === c.key ? c : x)) : [...inv.clusters, c] };
    },
    // no fit rule depends on a cluster's own fields; a Slurm name clash comes back as slurmClusterName
    { ...opts, surface: 'partition', action: opts.key ? 'resources.cluster.update' : 'resources.cluster.create', objectType: 'cluster', objectId: k },
  );
}

/** A new partition of a cluster, or new node type / node groups for one (`name` given: an edit). */
export function savePartition(db: Db, actor: Actor | null, clusterKey: string, input: unknown, opts: Save & { name?: string }): Promise<ResourceMutation> {
  const body = { ...(input as object), clusterKey, ...(opts.name ? { name: opts.name } : {}) };
  const parsed = partitionSpec.safeParse(body);
  const id = parsed.success ? partitionId(parsed.data) : `${clusterKey}/${String((body as { name?: unknown }).name ?? '')}`;
  return mutateInventory(
    db,
    actor,
    (inv) => {
      if (!inv.clusters.some((c) => c.key === clusterKey)) return { notFound: `cluster ${clusterKey}` };
      if (!parsed.success) return { issues: parseIssues(parsed.error) };
      const p: PartitionSpec = parsed.data;
      const was = inv.partitions.some((x) => partitionId(x) === partitionId(p));
      if (opts.name && !was) return { notFound: `partition ${partitionId(p)}` };
      if (!opts.name && was)
        return exists('name', `파티션 ${partitionId(p)}${particle(partitionId(p), '이/가')} 이미 있습니다`, `partition ${partitionId(p)} already exists`);
      return { ...inv, partitions: was ? inv.partitions.map((x) => (partitionId(x) === partitionId(p) ? p : x)) : [...inv.partitions, p] };
    },
    { ...opts, surface: 'partition', action: opts.name ? 'resources.partition.update' : 'resources.partition.create', objectType: 'partition', objectId: id },
  );
}

/** Puts a program's pool on a partition (or moves it there), naming the node groups it takes and why. */
export function bindPool(
  db: Db,
  actor: Actor | null,
  programSlug: string,
  poolKey: string,
  target: { clusterKey: string; partitionName: string },
  opts: PoolSave,
): Promise<ResourceMutation> {
  return mutateInventory(
    db,
    actor,
    (inv, pools) => {
      if (!pools.some((p) => p.programSlug === programSlug && p.key === poolKey)) return { notFound: `pool ${programSlug}/${poolKey}` };
      const binding = { programSlug, poolKey, clusterKey: target.clusterKey, partitionName: target.partitionName };
      const rest = inv.bindings.filter((b) => poolId(b) !== poolId(binding));
      return { ...inv, bindings: [...rest, binding] };
    },
    {
      ...opts,
      surface: 'binding',
      action: 'resources.pool.bind',
      objectType: 'gpu-pool',
      objectId: `${programSlug}/${poolKey}`,
      statement: poolStatement(programSlug, poolKey, opts, 'next'),
      auditExtra: { nodes: opts.nodes ?? [] },
    },
  );
}

/** Takes a pool off its partition, naming the node groups it frees and why. */
export function unbindPool(db: Db, actor: Actor | null, programSlug: string, poolKey: string, opts: PoolSave): Promise<ResourceMutation> {
  return mutateInventory(
    db,
    actor,
    (inv) => {
      if (!inv.bindings.some((b) => b.programSlug === programSlug && b.poolKey === poolKey)) return { notFound: `binding of pool ${programSlug}/${poolKey}` };
      return { ...inv, bindings: inv.bindings.filter((b) => !(b.programSlug === programSlug && b.poolKey === poolKey)) };
    },
    {
      ...opts,
      surface: 'binding',
      action: 'resources.pool.unbind',
      objectType: 'gpu-pool',
      objectId: `${programSlug}/${poolKey}`,
      statement: poolStatement(programSlug, poolKey, opts, 'current'),
      auditExtra: { nodes: opts.nodes ?? [] },
    },
  );
}
