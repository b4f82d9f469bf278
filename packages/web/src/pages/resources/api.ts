import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { FieldChange, FieldIssue, LocalizedText } from '../../api/types';
import type { NodeTypeSpec } from '@stagegate/core/resources/inventory';
import type { PartitionUsage } from '@stagegate/core/resources/partition-usage';

export type { NodeTypeSpec, PartitionUsage };

export interface PartitionView {
  name: string;
  nodeTypeKey: string;
  nodeType: NodeTypeSpec | null;
  nodeGroups: { label: string; nodes: number }[];
  nodes: number;
  capacityGpus: number;
  usedNodes: number;
  usedGpus: number;
  pools: { programSlug: string; programShortName: LocalizedText | null; poolKey: string; name: LocalizedText; gpus: number; nodes: number }[];
}

export interface ClusterView {
  key: string;
  name: LocalizedText;
  site: LocalizedText;
  slurmClusterName: string;
  notes: string | null;
  partitions: PartitionView[];
}

export interface PoolView {
  programSlug: string;
  programShortName: LocalizedText | null;
  poolKey: string;
  name: LocalizedText;
  gpuModel: string;
  gpusPerNode: number;
  gpus: number;
  nodes: number;
  placement: { clusterKey: string; partitionName: string } | null;
}

export interface ResourcesOverview {
  nodeTypes: (NodeTypeSpec & { nodes: number })[];
  clusters: ClusterView[];
  pools: PoolView[];
  unbound: string[];
  problems: FieldIssue[];
}

export type ResourceResult = { status: 'preview' | 'committed' | 'unchanged'; changes?: FieldChange[]; partitions?: PartitionUsage[] };

export const useResources = () => useQuery({ queryKey: ['resources'], queryFn: () => api<ResourcesOverview>('/api/v1/resources') });
