import type { LocalizedText } from '../shared/localized.ts';
import { assessComparison, summarizeBaseline } from './assess.ts';
import type {
  CheckpointSummary,
  FingerprintEvidence,
  ProvenanceReport,
  ProvenanceVerdict,
  ReferenceComparison,
  ShapeMismatchEvidence,
  TensorEvidence,
} from './report.ts';
import { verdictLabels } from './report.ts';
import { pairedByName, type SkippedTensor } from './tensor-pairing.ts';
import { describeThresholds, type ProvenanceThresholds } from './thresholds.ts';

export interface MeasuredComparison {
  reference: CheckpointSummary;
  tensors: TensorEvidence[];
  fingerprints: FingerprintEvidence[];
  unmatched: { candidate: string[]; reference: string[] };
  shapeMismatches: ShapeMismatchEvidence[];
  skipped: SkippedTensor[];
}

export interface MeasuredBaseline {
  source: 'references' | 'baseline';
  pairs: Array<{ a: string; b: string; tensors: TensorEvidence[] }>;
}

export interface ReportInput {
  candidate: CheckpointSummary;
  comparisons: MeasuredComparison[];
  baseline: MeasuredBaseline | null;
  thresholds: ProvenanceThresholds;
  /** supplied by the caller: the core has no clock */
  generatedAt: string | null;
}

const order: ProvenanceVerdict[] = ['independent', 'inconclusive', 'likely_shared'];

export function buildProvenanceReport(input: ReportInput): ProvenanceReport {
  const baseline = input.baseline && input.baseline.pairs.length ? summarizeBaseline(input.baseline.pairs, input.baseline.source) : null;
  const comparisons: ReferenceComparison[] = input.comparisons.map((c) => ({
    reference: c.reference,
    ...assessComparison(c.tensors, c.fingerprints, baseline, input.thresholds),
    tensors: c.tensors,
    fingerprints: c.fingerprints,
    unmatched: c.unmatched,
    shapeMismatches: c.shapeMismatches,
    pairing: {
      byName: c.tensors.filter((t) => pairedByName(t.match)).length,
      byShapeAndOrder: c.tensors.filter((t) => !pairedByName(t.match)).length,
      rowPrefix: c.tensors.filter((t) => t.match === 'row-prefix').length,
    },
    skipped: c.skipped,
  }));
  // the report's overall verdict is the strongest finding against any reference
  const verdict = comparisons.reduce<ProvenanceVerdict>((v, c) => (order.indexOf(c.verdict) > order.indexOf(v) ? c.verdict : v), 'independent');
  const lines = comparisons.map((c) => ({
    ko: `${c.reference.label}: ${verdictLabels[c.verdict].ko}`,
    en: `${c.reference.label}: ${verdictLabels[c.verdict].en}`,
  }));
  const summary: LocalizedText = {
    ko: `후보 ${input.candidate.label} — ${lines.map((l) => l.ko).join('; ') || '참조 없음'}.`,
    en: `Candidate ${input.candidate.label} — ${lines.map((l) => l.en).join('; ') || 'no references'}.`,
  };
  return {
    format: 'stagegate.provenance/1',
    generatedAt: input.generatedAt,
    candidate: input.candidate,
    references: input.comparisons.map((c) => c.reference),
    thresholds: input.thresholds,
    thresholdText: describeThresholds(input.thresholds),
    baseline,
    baselineNote: baselineNote(baseline),
    comparisons,
    verdict,
    summary,
  };
}

function baselineNote(b: ReturnType<typeof summarizeBaseline> | null): LocalizedText {
  if (!b) {
    return {
      ko: '기준선 없음: 무관한 모델 쌍이 주어지지 않았습니다(참조를 2개 이상 주거나 --baseline 쌍을 주십시오). 판정은 절대 임계값만 사용했습니다.',
      en: 'No baseline: no pair of unrelated models was given (give two or more references, or a --baseline pair). Verdicts use the absolute thresholds only.',
    };
  }
  const pairs = b.pairs.map((p) => `${p.a} ↔ ${p.b}`).join(', ');
  return b.source === 'references'
    ? {
        ko: `기준선: 참조 모델끼리(서로 무관하다고 가정) 같은 측정을 했습니다: ${pairs}.`,
        en: `Baseline: the same measures between the references, assumed unrelated to each other: ${pairs}.`,
      }
    : {
        ko: `기준선: 무관한 것으로 알려진 모델 쌍에 같은 측정을 했습니다: ${pairs}.`,
        en: `Baseline: the same measures between models known to be unrelated: ${pairs}.`,
      };
}
