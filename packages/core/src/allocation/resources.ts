import type { LocalizedText } from '../shared/localized.ts';
import type { ProgramDefinition } from '../program/definition.ts';

/** A kind of node: which GPU and how many of them (8 for a B200 node). */
export interface NodeType {
  key: string;
  gpuModel: string;
  gpusPerNode: number;
}

/** A Slurm partition: nodes of one type. */
export interface Partition {
  name: string;
  nodeType: NodeType;
  nodes: number;
}

/** A cluster as Stagegate sees it: where a program's pool is hosted. */
export interface Cluster {
  key: string;
  name: LocalizedText;
  partitions: Partition[];
}

/** A program's share of a cluster: a fixed number of GPUs on one node type, in whole nodes. */
export interface GpuPoolCapacity {
  programSlug: string;
  key: string;
  name: LocalizedText;
  nodeType: NodeType;
  gpus: number;
  nodes: number;
  hostingSite: LocalizedText;
}

const nodeTypeKey = (model: string, perNode: number) =>
  `${model.toLowerCase().replace(/^nvidia\s+/, '').replace(/[^a-z0-9]+/g, '-')}x${perNode}`;

/** The pools a program's definition declares (specialized-fm: 512 B200 = 64 nodes of 8). */
export function poolsOfProgram(program: Pick<ProgramDefinition, 'slug' | 'gpuPools'>): GpuPoolCapacity[] {
  return program.gpuPools.map((p) => ({
    programSlug: program.slug,
    key: p.key,
    name: p.name,
    nodeType: { key: nodeTypeKey(p.gpuModel, p.gpusPerNode), gpuModel: p.gpuModel, gpusPerNode: p.gpusPerNode },
    gpus: p.gpuCount,
    nodes: Math.floor(p.gpuCount / p.gpusPerNode),
    hostingSite: p.hostingSite,
  }));
}

/** The cluster view of a program's pools: one partition per pool, named after program and pool. */
export function clusterOfProgram(program: Pick<ProgramDefinition, 'slug' | 'gpuPools' | 'name'>): Cluster {
  return {
    key: program.slug,
    name: program.name,
    partitions: poolsOfProgram(program).map((p) => ({ name: `${program.slug}-${p.key}`, nodeType: p.nodeType, nodes: p.nodes })),
  };
}
