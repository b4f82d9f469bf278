import { useQuery } from '@tanstack/react-query';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { resourcesContract } from '@stagegate/core/contract/resources';
import { call } from '../../api/contract-client';

export { resourcesContract };

/** GET /api/v1/resources, as the contract says */
export type ResourcesOverview = ResponseOf<typeof resourcesContract.overview>;
export type NodeTypeSpec = ResourcesOverview['nodeTypes'][number];
export type ClusterView = ResourcesOverview['clusters'][number];
export type PartitionView = ClusterView['partitions'][number];
export type PoolView = ResourcesOverview['pools'][number];
/** The preview (or commit) of an inventory edit: every editor's route answers the same. */
export type ResourceResult = ResponseOf<typeof resourcesContract.createNodeType>;

export const useResources = () => useQuery({ queryKey: ['resources'], queryFn: () => call(resourcesContract.overview) });
