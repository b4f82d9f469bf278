import type { LocalizedText } from '../shared/localized.ts';
import type { FingerprintThresholds } from './fingerprint.ts';

/**
 * The numbers behind every verdict, printed in each report so a panel can see (and argue with)
 * what "likely shared" meant on the day.
 */
export interface ProvenanceThresholds {
  /** median cosine of a component's weight matrices at or above which it is likely shared */
  sharedCosine: number;
  /** median cosine below which a component is independent */
  independentCosine: number;
  /** how far above the unrelated-models baseline of the same kind a shared component must be */
  baselineMargin: number;
  /** share of a component's matrices at or above sharedCosine that marks a partial copy */
  partialSharedFraction: number;
  fingerprint: FingerprintThresholds;
}

export const defaultThresholds: ProvenanceThresholds = {
  sharedCosine: 0.95,
  independentCosine: 0.3,
  baselineMargin: 0.3,
  partialSharedFraction: 0.25,
  fingerprint: { minQuantileCorrelation: 0.98, stdRatioRange: [0.8, 1.25], maxMeanShift: 0.25 },
};

export function describeThresholds(t: ProvenanceThresholds): LocalizedText[] {
  const [lo, hi] = t.fingerprint.stdRatioRange;
  return [
    {
      ko: `공유 가능성 높음: 구성요소의 가중치 행렬(2차원 이상, Norm 제외) 코사인 유사도 중앙값 ≥ ${t.sharedCosine}, 그리고 같은 종류의 무관한 모델 간 기준선보다 ${t.baselineMargin} 이상 높음(기준선이 있을 때). 또는 행렬의 ${pct(t.partialSharedFraction)} 이상이 ${t.sharedCosine} 이상(부분 복사).`,
      en: `Likely shared: median cosine similarity of the component's weight matrices (2-D or more, norms excluded) ≥ ${t.sharedCosine}, and at least ${t.baselineMargin} above the baseline between unrelated models for the same kind (when a baseline exists); or at least ${pct(t.partialSharedFraction)} of its matrices at ≥ ${t.sharedCosine} (partial copy).`,
    },
    {
      ko: `독립: 코사인 유사도 중앙값 < ${t.independentCosine}(기준선이 있으면 기준선 + ${t.baselineMargin} 이하).`,
      en: `Independent: median cosine < ${t.independentCosine} (and no more than baseline + ${t.baselineMargin} when a baseline exists).`,
    },
    { ko: '그 사이는 판단 불가입니다.', en: 'Anything in between is inconclusive.' },
    {
      ko: 'Norm 가중치는 1 근처에서 시작해 어떤 모델이든 서로 비슷하므로 단독으로 판정하지 않습니다(최대 "판단 불가"). 중심화 상관(Pearson)은 참고로 보여 줍니다.',
      en: 'Norm weights start near 1 and look alike in any two models, so they never decide on their own (at most "inconclusive"); their centred correlation (Pearson) is shown for reference.',
    },
    {
      ko: `모양이 맞지 않는 텐서는 값 분포 지문(분위수 상관 ≥ ${t.fingerprint.minQuantileCorrelation}, 표준편차 비 ${lo}–${hi}, 평균 이동 ≤ ${t.fingerprint.maxMeanShift}σ)으로 비교합니다. 분포가 다르면 독립의 근거가 되지만, 분포가 같다는 것은 공유의 근거가 아닙니다.`,
      en: `Tensors whose shapes do not line up are compared by value-distribution fingerprints (quantile correlation ≥ ${t.fingerprint.minQuantileCorrelation}, std ratio ${lo}–${hi}, mean shift ≤ ${t.fingerprint.maxMeanShift}σ). Different distributions count towards independence; equal distributions are no evidence of sharing.`,
    },
  ];
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
