import type { FieldIssue } from '../shared/localized.ts';
import { partitionId, poolId } from './inventory.ts';
import type { FitProblem } from './pool-fit.ts';
import { particle } from '../shared/korean-particles.ts';

/**
 * Who the problem is reported to. An edit names the field of its own input that caused it — the
 * partition chosen for a pool, a partition's node type or node groups, a node type's model or
 * size; the inventory (the overview) names the object by its path.
 */
export type EditSurface = 'binding' | 'partition' | 'node-type';
export type IssueSurface = EditSurface | 'inventory';

const n = (x: number) => x.toLocaleString('en-US');

function fieldOf(p: FitProblem, surface: IssueSurface): string {
  switch (surface) {
    case 'binding':
      return p.kind === 'whole-nodes' ? 'poolKey' : 'partitionName';
    case 'partition':
      return p.kind === 'over-capacity' ? 'nodeGroups' : 'nodeTypeKey';
    case 'node-type':
      return p.kind === 'gpu-model' ? 'gpuModel' : 'gpusPerNode';
    case 'inventory':
      return p.kind === 'over-capacity' ? `partitions.${partitionId(p.partition)}.nodeGroups` : `bindings.${poolId(p.pool)}.partitionName`;
  }
}

/** The problem in both languages, naming the pools, the partition and the numbers involved. */
export function fitIssue(p: FitProblem, surface: IssueSurface): FieldIssue {
  const field = fieldOf(p, surface);
  const part = partitionId(p.partition);
  const nt = p.nodeType;
  switch (p.kind) {
    case 'gpu-model':
      return {
        field,
        message: {
          ko: `풀 ${poolId(p.pool)}의 GPU 모델 ${p.pool.nodeType.gpuModel}${particle(p.pool.nodeType.gpuModel, '이/가')} 파티션 ${part}의 노드 유형 ${nt.key}(${nt.gpuModel})${particle(nt.gpuModel, '과/와')} 다릅니다`,
          en: `pool ${poolId(p.pool)} is ${p.pool.nodeType.gpuModel} but partition ${part} has node type ${nt.key} (${nt.gpuModel})`,
        },
      };
    case 'gpus-per-node':
      return {
        field,
        message: {
          ko: `풀 ${poolId(p.pool)}${particle(poolId(p.pool), '은/는')} 노드당 GPU ${p.pool.nodeType.gpusPerNode}장으로 정의되어 있지만 파티션 ${part}의 노드 유형 ${nt.key}${particle(nt.key, '은/는')} 노드당 ${nt.gpusPerNode}장입니다`,
          en: `pool ${poolId(p.pool)} is defined with ${p.pool.nodeType.gpusPerNode} GPUs per node but partition ${part}'s node type ${nt.key} has ${nt.gpusPerNode}`,
        },
      };
    case 'whole-nodes': {
      const whole = Math.floor(p.pool.gpus / nt.gpusPerNode);
      const rest = p.pool.gpus - whole * nt.gpusPerNode;
      return {
        field,
        message: {
          ko: `풀 ${poolId(p.pool)}의 GPU ${n(p.pool.gpus)}장은 파티션 ${part}의 ${nt.key} 노드(노드당 ${nt.gpusPerNode}장)로 나누어떨어지지 않습니다 (노드 ${n(whole)}대 + ${rest}장)`,
          en: `pool ${poolId(p.pool)}'s ${n(p.pool.gpus)} GPUs are not whole ${nt.key} nodes of partition ${part} (${nt.gpusPerNode} per node: ${n(whole)} nodes + ${rest} GPUs)`,
        },
      };
    }
    case 'over-capacity': {
      const u = p.usage;
      const listKo = u.pools.map((x) => `${poolId(x)}(GPU ${n(x.gpus)}장 = 노드 ${n(x.nodes)}대)`).join(', ');
      const listEn = u.pools.map((x) => `${poolId(x)} (${n(x.gpus)} GPUs = ${n(x.nodes)} nodes)`).join(', ');
      return {
        field,
        message: {
          ko: `파티션 ${part}에 묶인 풀 ${listKo}${particle(listKo, '이/가')} 노드 ${n(u.usedNodes)}대를 차지하지만 파티션에는 노드 ${n(u.nodes)}대 × ${nt.gpusPerNode}장 = GPU ${n(u.capacityGpus)}장뿐입니다 (노드 ${n(u.usedNodes - u.nodes)}대 초과)`,
          en: `the pools bound to partition ${part}, ${listEn}, take ${n(u.usedNodes)} nodes but it has ${n(u.nodes)} nodes × ${nt.gpusPerNode} = ${n(u.capacityGpus)} GPUs (${n(u.usedNodes - u.nodes)} nodes over)`,
        },
      };
    }
  }
}
