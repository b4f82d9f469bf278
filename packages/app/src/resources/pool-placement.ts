import { eq } from 'drizzle-orm';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { resourceClusters, resourcePoolBindings } from '../db/schema/index.ts';

export interface PoolPlacement {
  clusterKey: string;
  clusterName: LocalizedText;
  slurmClusterName: string;
  partitionName: string;
}

/** Where each of a program's pools runs (pool key → cluster and partition); absent when not bound. */
export async function poolPlacements(db: Db, programSlug: string): Promise<Map<string, PoolPlacement>> {
  const rows = await db
    .select({ b: resourcePoolBindings, c: resourceClusters })
    .from(resourcePoolBindings)
    .innerJoin(resourceClusters, eq(resourceClusters.key, resourcePoolBindings.clusterKey))
    .where(eq(resourcePoolBindings.programSlug, programSlug));
  return new Map(
    rows.map((r) => [r.b.poolKey, { clusterKey: r.c.key, clusterName: r.c.name, slurmClusterName: r.c.slurmClusterName, partitionName: r.b.partitionName }]),
  );
}
