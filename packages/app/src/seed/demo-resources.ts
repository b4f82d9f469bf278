import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { resourceClusters } from '../db/schema/index.ts';
import { bindPool, saveCluster, saveNodeType, savePartition, type ResourceMutation } from '../resources/resource-editor.ts';

export const DEMO_CLUSTER = 'nacc-demo';
export const DEMO_PARTITION = 'b200';
/** The demo cluster's `ClusterName`, the `cluster=` of its sacctmgr commands. */
export const DEMO_SLURM_CLUSTER = 'nacc';

const must = (what: string, r: ResourceMutation) => {
  if (r.status !== 'committed') throw new Error(`demo resources: ${what}: ${JSON.stringify(r)}`);
};

/**
 * Demo only, idempotent: one cluster (invented name and site) with a `b200` partition of B200×8
 * nodes in two groups — 64 nodes for specialized-fm's 512-GPU pool and 320 for K-AI's 2,560 — and
 * both pools bound to it. Every step goes through the same checks and audit as the operator's.
 */
export async function seedDemoResources(ctx: AppContext): Promise<void> {
  const [existing] = await ctx.db.select().from(resourceClusters).where(eq(resourceClusters.key, DEMO_CLUSTER));
  if (existing) return;
  const commit = { mode: 'commit' as const, reason: 'demo data' };
  must('node type', await saveNodeType(ctx.db, null, { key: 'b200x8', gpuModel: 'NVIDIA B200', gpusPerNode: 8, cpusPerNode: 112, memoryGb: 2048 }, commit));
  must(
    'cluster',
    await saveCluster(
      ctx.db,
      null,
      {
        key: DEMO_CLUSTER,
        name: { ko: '국가 AI 컴퓨팅 센터 (demo)', en: 'National AI Computing Centre (demo)' },
        site: { ko: '데모 데이터센터 (가상)', en: 'Demo data centre (fictional)' },
        slurmClusterName: DEMO_SLURM_CLUSTER,
        notes: '데모 데이터입니다. / Demo data.',
      },
      commit,
    ),
  );
  must(
    'partition',
    await savePartition(
      ctx.db,
      null,
      DEMO_CLUSTER,
      {
        name: DEMO_PARTITION,
        nodeTypeKey: 'b200x8',
        nodeGroups: [
          { label: 'b200-[001-064]', nodes: 64 },
          { label: 'b200-[065-384]', nodes: 320 },
        ],
      },
      commit,
    ),
  );
  // each pool names the node groups behind its GPUs: specialized-fm 64 nodes, K-AI 320
  const placements = [
    { program: 'specialized-fm', nodes: ['b200-[001-064]'] },
    { program: 'k-ai', nodes: ['b200-[065-384]'] },
  ];
  for (const p of placements) {
    must(
      `${p.program} pool`,
      await bindPool(
        ctx.db,
        null,
        p.program,
        'b200-pool',
        { clusterKey: DEMO_CLUSTER, partitionName: DEMO_PARTITION },
        { ...commit, nodes: p.nodes, reason: '데모: GPU 풀을 랙에 배치함' },
      ),
    );
  }
}
