import type { LocalizedText } from '../shared/localized.ts';
import type { BundleFiles } from './bundle-files.ts';
import { recomputeFinalV1 } from './final-bundle.ts';
import type { ResultKind } from './manifest.ts';
import { recomputeSelectionV1 } from './selection-bundle.ts';
import { recomputeStage } from './stage-bundle.ts';

export interface Computation {
  /** what changed from the version before, for people reading a bundle */
  note: LocalizedText;
  recompute(files: BundleFiles): unknown;
}

/**
 * Every computation Stagegate ever published a result with, by kind and version. A version is
 * never edited or removed: a bundle names its version and `stagegate verify` reruns exactly that,
 * so results published under an older computation keep verifying after the code moves on.
 */
export const COMPUTATIONS: Record<ResultKind, { current: number; versions: Record<number, Computation> }> = {
  selection: {
    current: 1,
    versions: {
      1: {
        note: {
          ko: '라운드별 집계(평균·절사 평균·z-점수), 가중 결합, 동점 처리 규칙 순 순위',
          en: 'per-round aggregation (mean, trimmed mean, z-score), weighted combination, ranked with the stated tie-breaks',
        },
        recompute: recomputeSelectionV1,
      },
    },
  },
  'stage-decision': {
    current: 2,
    versions: {
      1: {
        note: { ko: '부트스트랩이 전문가 점수를 저장된 순서대로 읽음', en: 'the bootstrap reads panel scores in the order they were stored' },
        recompute: recomputeStage('as-given'),
      },
      2: {
        note: {
          ko: '부트스트랩 전에 팀·항목별 전문가 점수를 위원 이름순으로 정렬 (데이터베이스에 따라 구간이 달라지지 않도록)',
          en: "panel scores are put in the members' label order before the bootstrap, so the interval does not depend on the database",
        },
        recompute: recomputeStage('by-expert'),
      },
    },
  },
  'final-evaluation': {
    current: 1,
    versions: {
      1: { note: { ko: '최종 점수에 우수 과제 기준 적용', en: 'the excellence rule applied to the final scores' }, recompute: recomputeFinalV1 },
    },
  },
};

export function computationOf(kind: ResultKind, version: number): Computation | undefined {
  return COMPUTATIONS[kind].versions[version];
}
