import { z } from 'zod';
import { localizedText } from '../shared/localized.ts';

const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes')
  .max(64);
/** Slurm's ClusterName and PartitionName: kept to what sacctmgr and slurm.conf accept unquoted. */
const slurmName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, _ and -, as Slurm spells it')
  .max(64);

/** A kind of node: which GPU and how many (8 for a B200 node); CPU and memory are for the record. */
export const nodeTypeSpec = z.object({
  key,
  gpuModel: z.string().trim().min(1).max(80),
  gpusPerNode: z.number().int().positive().max(64),
  cpusPerNode: z.number().int().positive().nullable().default(null),
  memoryGb: z.number().int().positive().nullable().default(null),
});
export type NodeTypeSpec = z.infer<typeof nodeTypeSpec>;

/** A Slurm cluster as the program office knows it: where it is and what Slurm calls it. */
export const clusterSpec = z.object({
  key,
  name: localizedText,
  site: localizedText,
  slurmClusterName: slurmName,
  notes: z.string().max(4000).nullable().default(null),
});
export type ClusterSpec = z.infer<typeof clusterSpec>;

/** Nodes of a partition bought or racked together, e.g. `b200-[001-064]`: the count is what matters. */
export const nodeGroup = z.object({ label: z.string().trim().min(1).max(200), nodes: z.number().int().positive().max(100_000) });

/** A Slurm partition of one node type; its size is the sum of its node groups. */
export const partitionSpec = z.object({
  clusterKey: key,
  name: slurmName,
  nodeTypeKey: key,
  nodeGroups: z.array(nodeGroup).min(1),
});
export type PartitionSpec = z.infer<typeof partitionSpec>;

/** Where a program's GPU pool runs: one partition of one cluster. */
export const poolBinding = z.object({ programSlug: key, poolKey: key, clusterKey: key, partitionName: slurmName });
export type PoolBinding = z.infer<typeof poolBinding>;

/** Everything the office has recorded about its clusters, as one value the rules can judge. */
export interface ResourceInventory {
  nodeTypes: NodeTypeSpec[];
  clusters: ClusterSpec[];
  partitions: PartitionSpec[];
  bindings: PoolBinding[];
}

/** What a program's definition says of one of its pools (core/allocation/resources derives it). */
export interface ProgramPool {
  programSlug: string;
  key: string;
  name: { ko: string; en: string };
  gpus: number;
  nodeType: { gpuModel: string; gpusPerNode: number };
}

export const partitionId = (p: { clusterKey: string; name?: string; partitionName?: string }) => `${p.clusterKey}/${p.name ?? p.partitionName}`;
export const poolId = (p: { programSlug: string; key?: string; poolKey?: string }) => `${p.programSlug}/${p.key ?? p.poolKey}`;

export const partitionNodes = (p: Pick<PartitionSpec, 'nodeGroups'>) => p.nodeGroups.reduce((s, g) => s + g.nodes, 0);
