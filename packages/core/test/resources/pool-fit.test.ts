import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ProgramPool, ResourceInventory } from '../../src/resources/inventory.ts';
import { fitProblems, sameGpuModel } from '../../src/resources/pool-fit.ts';
import { partitionUsages, unboundPools } from '../../src/resources/partition-usage.ts';
import { judgeInventoryEdit, validateInventory } from '../../src/resources/validate-inventory.ts';

const b200 = { key: 'b200x8', gpuModel: 'NVIDIA B200', gpusPerNode: 8, cpusPerNode: 112, memoryGb: 2048 };
const pool = (programSlug: string, gpus: number, gpuModel = 'NVIDIA B200', gpusPerNode = 8): ProgramPool => ({
  programSlug,
  key: 'b200-pool',
  name: { ko: '풀', en: 'pool' },
  gpus,
  nodeType: { gpuModel, gpusPerNode },
});
const sfm = pool('specialized-fm', 512);
const kai = pool('k-ai', 2560);

function inventory(nodes: number[], bound: string[] = ['specialized-fm', 'k-ai']): ResourceInventory {
  return {
    nodeTypes: [b200],
    clusters: [{ key: 'nacc', name: { ko: '센터', en: 'Centre' }, site: { ko: '대전', en: 'Daejeon' }, slurmClusterName: 'nacc', notes: null }],
    partitions: [{ clusterKey: 'nacc', name: 'b200', nodeTypeKey: 'b200x8', nodeGroups: nodes.map((n, i) => ({ label: `group-${i}`, nodes: n })) }],
    bindings: bound.map((programSlug) => ({ programSlug, poolKey: 'b200-pool', clusterKey: 'nacc', partitionName: 'b200' })),
  };
}

describe('pools on partitions', () => {
  it('fits specialized-fm (64 nodes) and k-ai (320 nodes) exactly into 64 + 320 B200×8 nodes', () => {
    const inv = inventory([64, 320]);
    expect(validateInventory(inv, [sfm, kai])).toEqual([]);
    const [usage] = partitionUsages(inv, [sfm, kai]);
    expect(usage).toMatchObject({ nodes: 384, capacityGpus: 3072, usedNodes: 384, usedGpus: 3072 });
    expect(usage!.pools.map((p) => [p.programSlug, p.nodes])).toEqual([
      ['specialized-fm', 64],
      ['k-ai', 320],
    ]);
  });

  it('refuses a partition too small for its pools, naming every pool and the numbers', () => {
    const current = inventory([64, 320]);
    const next = inventory([64, 288]);
    const issues = judgeInventoryEdit(current, next, [sfm, kai], 'partition');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe('nodeGroups');
    expect(issues[0]!.message.en).toContain('specialized-fm/b200-pool (512 GPUs = 64 nodes)');
    expect(issues[0]!.message.en).toContain('k-ai/b200-pool (2,560 GPUs = 320 nodes)');
    expect(issues[0]!.message.en).toContain('352 nodes × 8 = 2,816 GPUs (32 nodes over)');
    expect(issues[0]!.message.ko).toContain('노드 32대 초과');
  });

  it('names the partition field when a new binding overfills it', () => {
    const current = inventory([64], []);
    const next = inventory([64], ['specialized-fm', 'k-ai']);
    const issues = judgeInventoryEdit(current, next, [sfm, kai], 'binding');
    expect(issues.map((i) => i.field)).toEqual(['partitionName']);
    // one pool alone fits
    expect(judgeInventoryEdit(current, inventory([64], ['specialized-fm']), [sfm, kai], 'binding')).toEqual([]);
  });

  it('wants whole nodes: 500 GPUs are 62 nodes and 4 GPUs', () => {
    const odd = pool('specialized-fm', 500);
    const issues = judgeInventoryEdit(inventory([64], []), inventory([64], ['specialized-fm']), [odd], 'binding');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: 'poolKey' });
    expect(issues[0]!.message.en).toContain('62 nodes + 4 GPUs');
  });

  it('wants the same GPU model and node size, whatever the vendor prefix', () => {
    expect(sameGpuModel('NVIDIA B200', 'b200')).toBe(true);
    expect(sameGpuModel('NVIDIA B200', 'NVIDIA H200')).toBe(false);
    const h200 = pool('specialized-fm', 512, 'NVIDIA H200');
    const four = pool('specialized-fm', 512, 'B200', 4);
    expect(fitProblems(inventory([64], ['specialized-fm']), [h200]).map((p) => p.kind)).toEqual(['gpu-model']);
    expect(fitProblems(inventory([128], ['specialized-fm']), [four]).map((p) => p.kind)).toEqual(['gpus-per-node']);
    const onType = judgeInventoryEdit(inventory([64], []), inventory([64], ['specialized-fm']), [h200], 'node-type');
    expect(onType[0]!.field).toBe('gpuModel');
    expect(onType[0]!.message.ko).toContain('NVIDIA H200');
  });

  it('does not let an old problem block an unrelated edit, but an edit that worsens it is refused', () => {
    // k-ai grew to 2,816 GPUs after it was bound: already 32 nodes over
    const grown = pool('k-ai', 2816);
    const current = inventory([64, 320]);
    const renamed = { ...current, clusters: [{ ...current.clusters[0]!, notes: 'moved racks' }] };
    expect(judgeInventoryEdit(current, renamed, [sfm, grown], 'partition')).toEqual([]);
    expect(judgeInventoryEdit(current, inventory([64, 319]), [sfm, grown], 'partition')[0]!.message.en).toContain('33 nodes over');
    expect(judgeInventoryEdit(current, inventory([64, 352]), [sfm, grown], 'partition')).toEqual([]);
  });

  it('reports bindings to unknown partitions or pools, and a pool bound twice', () => {
    const inv = inventory([64], ['specialized-fm']);
    const bad: ResourceInventory = {
      ...inv,
      bindings: [
        ...inv.bindings,
        { programSlug: 'specialized-fm', poolKey: 'b200-pool', clusterKey: 'nacc', partitionName: 'h100' },
        { programSlug: 'no-program', poolKey: 'b200-pool', clusterKey: 'nacc', partitionName: 'b200' },
      ],
    };
    const fields = validateInventory(bad, [sfm]).map((i) => i.field);
    expect(fields).toEqual([
      'bindings.specialized-fm/b200-pool.poolKey',
      'bindings.specialized-fm/b200-pool.partitionName',
      'bindings.no-program/b200-pool.poolKey',
    ]);
    expect(unboundPools(inventory([64], []), [sfm, kai]).map((p) => p.programSlug)).toEqual(['specialized-fm', 'k-ai']);
  });

  it('finds the partition over capacity exactly when the pools need more nodes than it has', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 1500 }), (poolNodes, nodes) => {
        const pools = poolNodes.map((k, i) => pool(`p-${i}`, k * 8));
        const inv = inventory(
          [nodes],
          pools.map((p) => p.programSlug),
        );
        const over = fitProblems(inv, pools).filter((p) => p.kind === 'over-capacity');
        const needed = pools.reduce((s, p) => s + p.gpus, 0) / 8;
        expect(over.length).toBe(needed > nodes ? 1 : 0);
      }),
    );
  });
});
