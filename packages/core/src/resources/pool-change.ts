import type { FieldIssue } from '../shared/localized.ts';
import type { PartitionSpec } from './inventory.ts';
import { particle } from '../shared/korean-particles.ts';

/** What a pool's placement change must say: why, and on which nodes (the partition's node groups). */
export interface PoolChangeStatement {
  reason?: string | null | undefined;
  /** node group labels of the partition, e.g. `b200-[001-064]` */
  nodes?: readonly string[] | undefined;
}

/**
 * A pool put on (or taken off) a partition names the node groups it takes (or frees) — they must
 * be the partition's, and hold the pool's nodes when it is placed — and, when committed, a reason.
 * A pool's GPUs are only as real as the nodes named behind them.
 */
export function poolChangeIssues(
  statement: PoolChangeStatement,
  partition: Pick<PartitionSpec, 'name' | 'nodeGroups'>,
  neededNodes: number | null,
  mode: 'preview' | 'commit',
): FieldIssue[] {
  const out: FieldIssue[] = [];
  const nodes = statement.nodes ?? [];
  if (nodes.length === 0) {
    out.push({
      field: 'nodes',
      message: {
        ko: `풀이 쓰는 노드를 적어 주세요 (파티션 ${partition.name}의 노드 묶음: ${partition.nodeGroups.map((g) => g.label).join(', ')})`,
        en: `name the nodes the pool uses (node groups of partition ${partition.name}: ${partition.nodeGroups.map((g) => g.label).join(', ')})`,
      },
    });
  }
  nodes.forEach((label, i) => {
    if (!partition.nodeGroups.some((g) => g.label === label))
      out.push({
        field: `nodes.${i}`,
        message: {
          ko: `노드 묶음 ${label}${particle(label, '은/는')} 파티션 ${partition.name}에 없습니다`,
          en: `node group ${label} is not in partition ${partition.name}`,
        },
      });
  });
  const named = partition.nodeGroups.filter((g) => nodes.includes(g.label)).reduce((s, g) => s + g.nodes, 0);
  if (nodes.length > 0 && neededNodes !== null && named < neededNodes) {
    out.push({
      field: 'nodes',
      message: {
        ko: `적은 노드는 ${named}대로, 풀에 필요한 ${neededNodes}대보다 적습니다`,
        en: `the named nodes are ${named}, fewer than the ${neededNodes} the pool needs`,
      },
    });
  }
  if (mode === 'commit' && !statement.reason?.trim())
    out.push({ field: 'reason', message: { ko: '풀 배치를 바꾸는 사유를 적어 주세요', en: 'give a reason for changing the pool’s placement' } });
  return out;
}
