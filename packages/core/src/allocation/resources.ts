import type { LocalizedText } from '../shared/localized.ts';
import type { ProgramDefinition } from '../program/definition.ts';

/** A kind of node: which GPU and how many of them (8 for a B200 node). */
export interface NodeType {
  key: string;
  gpuModel: string;
  gpusPerNode: number;
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
  `${model
    .toLowerCase()
    .replace(/^nvidia\s+/, '')
    .replace(/[^a-z0-9]+/g, '-')}x${perNode}`;

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
