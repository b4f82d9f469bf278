import type { LocalizedText } from '../shared/localized.ts';
import { kindLabels, tensorKinds, type TensorKind } from './tensor-kind.ts';
import type { BaselineKind, ComponentAssessment, FingerprintEvidence, LayerProfile, ProvenanceBaseline, ProvenanceVerdict, TensorEvidence } from './report.ts';
import type { ProvenanceThresholds } from './thresholds.ts';

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The tensors a kind's verdict rests on. Biases and other vectors are noisy and few; the weight
 * matrices carry the training history. Norms are all vectors, so for them every tensor counts.
 */
export function isDecisive(t: Pick<TensorEvidence, 'kind' | 'candidateShape' | 'cosine'>): boolean {
  return t.cosine !== null && (t.kind === 'norm' || t.candidateShape.length >= 2);
}

const fmt = (x: number | null) => (x === null ? '–' : x.toFixed(3));

export function summarizeBaseline(pairs: Array<{ a: string; b: string; tensors: TensorEvidence[] }>, source: ProvenanceBaseline['source']): ProvenanceBaseline {
  const all = pairs.flatMap((p) => p.tensors).filter(isDecisive);
  const kinds: BaselineKind[] = [];
  for (const kind of tensorKinds) {
    const cos = all.filter((t) => t.kind === kind).map((t) => t.cosine!);
    if (cos.length) kinds.push({ kind, medianCosine: median(cos)!, maxCosine: Math.max(...cos), tensors: cos.length });
  }
  return { source, pairs: pairs.map(({ a, b }) => ({ a, b })), kinds };
}

export function layerProfiles(tensors: TensorEvidence[], baseline: ProvenanceBaseline | null): LayerProfile[] {
  const out: LayerProfile[] = [];
  for (const kind of tensorKinds) {
    const byLayer = new Map<number, number[]>();
    for (const t of tensors) {
      if (t.kind !== kind || t.layer === null || !isDecisive(t)) continue;
      byLayer.set(t.layer, [...(byLayer.get(t.layer) ?? []), t.cosine!]);
    }
    if (!byLayer.size) continue;
    const points = [...byLayer.entries()].sort(([a], [b]) => a - b).map(([layer, cos]) => ({ layer, cosine: median(cos)!, tensors: cos.length }));
    out.push({ kind, points, baselineCosine: baseline?.kinds.find((k) => k.kind === kind)?.medianCosine ?? null });
  }
  return out;
}

export function assessComponent(
  kind: TensorKind,
  tensors: TensorEvidence[],
  fingerprints: FingerprintEvidence[],
  baseline: ProvenanceBaseline | null,
  t: ProvenanceThresholds,
): ComponentAssessment | null {
  const mine = tensors.filter((x) => x.kind === kind);
  const prints = fingerprints.filter((f) => f.kind === kind);
  if (!mine.length && !prints.length) return null;
  const decisive = mine.filter(isDecisive);
  const cos = decisive.map((x) => x.cosine!);
  const m = median(cos);
  const pearsons = decisive.map((x) => x.pearson).filter((p): p is number => p !== null);
  const sharedCount = cos.filter((c) => c >= t.sharedCosine).length;
  const sharedFraction = cos.length ? sharedCount / cos.length : 0;
  const b = baseline?.kinds.find((k) => k.kind === kind)?.medianCosine ?? null;
  const sharedLayers = layerProfiles(decisive, null)
    .flatMap((p) => p.points)
    .filter((p) => p.cosine >= t.sharedCosine)
    .map((p) => p.layer);
  const same = prints.filter((f) => f.comparison?.sameDistribution).length;
  const label = kindLabels[kind];
  const base = {
    kind,
    tensorsCompared: mine.length,
    decisiveTensors: decisive.length,
    medianCosine: m,
    medianPearson: median(pearsons),
    sharedFraction,
    sharedLayers,
    baselineCosine: b,
    fingerprints: prints.length,
    fingerprintsSameDistribution: same,
  };
  const verdict = (v: ProvenanceVerdict, reason: LocalizedText): ComponentAssessment => ({ ...base, verdict: v, reason });
  const baselineText: LocalizedText = b === null ? { ko: '기준선 없음', en: 'no baseline' } : { ko: `기준선 ${fmt(b)}`, en: `baseline ${fmt(b)}` };

  if (m === null) {
    const compared = prints.filter((f) => f.comparison).length;
    if (compared > 0 && same === 0) {
      return verdict('independent', {
        ko: `모양이 맞는 텐서가 없고, 지문 ${compared}개 모두 값 분포가 다릅니다.`,
        en: `No same-shaped tensors; all ${compared} fingerprints show different value distributions.`,
      });
    }
    return verdict('inconclusive', {
      ko: `모양이 맞는 가중치 행렬이 없습니다. 지문 ${prints.length}개 중 ${same}개가 같은 분포인데, 이는 독립 모델끼리도 흔합니다.`,
      en: `No same-shaped weight matrices. ${same} of ${prints.length} fingerprints show the same distribution, which independent models also commonly share.`,
    });
  }

  if (kind === 'norm') {
    if (m < t.independentCosine) {
      return verdict('independent', {
        ko: `Norm 가중치 코사인 중앙값 ${fmt(m)} < ${t.independentCosine}.`,
        en: `Median cosine of norm weights ${fmt(m)} < ${t.independentCosine}.`,
      });
    }
    return verdict('inconclusive', {
      ko: `Norm 가중치 코사인 중앙값 ${fmt(m)}(${baselineText.ko}, 중심화 상관 ${fmt(base.medianPearson)}). Norm 가중치는 1 근처에서 시작하므로 단독으로 판정하지 않습니다.`,
      en: `Median cosine of norm weights ${fmt(m)} (${baselineText.en}, centred correlation ${fmt(base.medianPearson)}). Norm weights start near 1, so they never decide on their own.`,
    });
  }

  const aboveBaseline = (x: number) => b === null || x - b >= t.baselineMargin;
  if (m >= t.sharedCosine && aboveBaseline(m)) {
    return verdict('likely_shared', {
      ko: `${label.ko} 행렬 ${decisive.length}개의 코사인 중앙값 ${fmt(m)} ≥ ${t.sharedCosine} (${baselineText.ko}).`,
      en: `${label.en}: median cosine of ${decisive.length} matrices ${fmt(m)} ≥ ${t.sharedCosine} (${baselineText.en}).`,
    });
  }
  if (sharedFraction >= t.partialSharedFraction && aboveBaseline(t.sharedCosine)) {
    const layers = sharedLayers.length ? sharedLayers.join(', ') : '–';
    return verdict('likely_shared', {
      ko: `${label.ko} 행렬 ${decisive.length}개 중 ${sharedCount}개가 코사인 ≥ ${t.sharedCosine} (부분 복사; 층 ${layers}; 중앙값 ${fmt(m)}, ${baselineText.ko}).`,
      en: `${label.en}: ${sharedCount} of ${decisive.length} matrices at cosine ≥ ${t.sharedCosine} (partial copy; layers ${layers}; median ${fmt(m)}, ${baselineText.en}).`,
    });
  }
  if (m < t.independentCosine && (b === null || m <= b + t.baselineMargin)) {
    return verdict('independent', {
      ko: `${label.ko} 행렬 ${decisive.length}개의 코사인 중앙값 ${fmt(m)} < ${t.independentCosine} (${baselineText.ko}).`,
      en: `${label.en}: median cosine of ${decisive.length} matrices ${fmt(m)} < ${t.independentCosine} (${baselineText.en}).`,
    });
  }
  return verdict('inconclusive', {
    ko: `${label.ko} 행렬 코사인 중앙값 ${fmt(m)}는 독립(< ${t.independentCosine})과 공유(≥ ${t.sharedCosine}, 기준선 + ${t.baselineMargin}) 사이입니다 (${baselineText.ko}).`,
    en: `${label.en}: median cosine ${fmt(m)} lies between independent (< ${t.independentCosine}) and shared (≥ ${t.sharedCosine}, baseline + ${t.baselineMargin}) (${baselineText.en}).`,
  });
}

export interface ComparisonAssessment {
  verdict: ProvenanceVerdict;
  reason: LocalizedText;
  components: ComponentAssessment[];
  layers: LayerProfile[];
}

/** A candidate is likely to share weights with a reference when any non-norm component does. */
export function assessComparison(
  tensors: TensorEvidence[],
  fingerprints: FingerprintEvidence[],
  baseline: ProvenanceBaseline | null,
  t: ProvenanceThresholds,
): ComparisonAssessment {
  const components = tensorKinds.map((k) => assessComponent(k, tensors, fingerprints, baseline, t)).filter((c): c is ComponentAssessment => c !== null);
  const layers = layerProfiles(tensors, baseline);
  const names = (cs: ComponentAssessment[], lang: 'ko' | 'en') => cs.map((c) => kindLabels[c.kind][lang]).join(', ');
  const shared = components.filter((c) => c.verdict === 'likely_shared');
  if (shared.length) {
    return {
      verdict: 'likely_shared',
      reason: { ko: `공유 가능성이 높은 구성요소: ${names(shared, 'ko')}.`, en: `Components likely shared: ${names(shared, 'en')}.` },
      components,
      layers,
    };
  }
  const deciding = components.filter((c) => c.kind !== 'norm');
  if (deciding.length && deciding.every((c) => c.verdict === 'independent')) {
    return {
      verdict: 'independent',
      reason: {
        ko: `Norm을 제외한 모든 구성요소(${names(deciding, 'ko')})가 독립으로 보입니다.`,
        en: `Every component other than norms (${names(deciding, 'en')}) looks independent.`,
      },
      components,
      layers,
    };
  }
  const open = deciding.filter((c) => c.verdict === 'inconclusive');
  return {
    verdict: 'inconclusive',
    reason: open.length
      ? { ko: `판단 불가인 구성요소: ${names(open, 'ko')}.`, en: `Inconclusive components: ${names(open, 'en')}.` }
      : { ko: 'Norm 외에 비교할 수 있는 구성요소가 없습니다.', en: 'No component other than norms could be compared.' },
    components,
    layers,
  };
}
