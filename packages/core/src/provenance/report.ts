import type { LocalizedText } from '../shared/localized.ts';
import type { FingerprintComparison } from './fingerprint.ts';
import type { MatchMethod, SkippedTensor } from './tensor-pairing.ts';
import type { TensorKind } from './tensor-kind.ts';
import type { ProvenanceThresholds } from './thresholds.ts';

export type ProvenanceVerdict = 'likely_shared' | 'inconclusive' | 'independent';

export const verdictLabels: Record<ProvenanceVerdict, LocalizedText> = {
  likely_shared: { ko: '공유 가능성 높음', en: 'Likely shared' },
  inconclusive: { ko: '판단 불가', en: 'Inconclusive' },
  independent: { ko: '독립', en: 'Independent' },
};

export interface CheckpointSummary {
  label: string;
  path: string;
  files: number;
  tensors: number;
  parameters: number;
  bytes: number;
}

/** One candidate tensor measured against its reference counterpart. */
export interface TensorEvidence {
  candidateName: string;
  referenceName: string;
  kind: TensorKind;
  layer: number | null;
  candidateShape: number[];
  referenceShape: number[];
  match: MatchMethod;
  comparedElements: number;
  cosine: number | null;
  pearson: number | null;
  relativeL2: number | null;
}

/** A tensor without a same-shaped counterpart, set against the closest-looking one of its kind. */
export interface FingerprintEvidence {
  candidateName: string;
  kind: TensorKind;
  layer: number | null;
  candidateShape: number[];
  referenceName: string | null;
  referenceShape: number[] | null;
  comparison: FingerprintComparison | null;
}

export interface ComponentAssessment {
  kind: TensorKind;
  verdict: ProvenanceVerdict;
  reason: LocalizedText;
  /** all matched tensors of this kind */
  tensorsCompared: number;
  /** the tensors the verdict rests on: matrices for most kinds, every tensor for norms */
  decisiveTensors: number;
  medianCosine: number | null;
  medianPearson: number | null;
  /** share of decisive tensors at or above the shared threshold */
  sharedFraction: number;
  /** layers whose decisive tensors are at or above the shared threshold (median per layer) */
  sharedLayers: number[];
  baselineCosine: number | null;
  fingerprints: number;
  fingerprintsSameDistribution: number;
}

export interface LayerPoint {
  layer: number;
  cosine: number;
  tensors: number;
}

export interface LayerProfile {
  kind: TensorKind;
  points: LayerPoint[];
  baselineCosine: number | null;
}

/** Counterparts by name with different shapes: listed, never compared element by element. */
export interface ShapeMismatchEvidence {
  candidateName: string;
  candidateShape: number[];
  referenceName: string;
  referenceShape: number[];
  reason: 'head' | 'shape';
}

/** How the pairs were found: through names (with prefixes, rules and vocabulary roles) or shape and order. */
export interface PairingCounts {
  byName: number;
  byShapeAndOrder: number;
  /** of byName: grown vocabularies compared on their shared rows */
  rowPrefix: number;
}

export interface ReferenceComparison {
  reference: CheckpointSummary;
  verdict: ProvenanceVerdict;
  reason: LocalizedText;
  components: ComponentAssessment[];
  layers: LayerProfile[];
  tensors: TensorEvidence[];
  fingerprints: FingerprintEvidence[];
  unmatched: { candidate: string[]; reference: string[] };
  shapeMismatches: ShapeMismatchEvidence[];
  pairing: PairingCounts;
  skipped: SkippedTensor[];
}

export interface BaselineKind {
  kind: TensorKind;
  medianCosine: number;
  maxCosine: number;
  tensors: number;
}

/** What two models known to be unrelated look like, kind by kind. */
export interface ProvenanceBaseline {
  source: 'references' | 'baseline';
  pairs: Array<{ a: string; b: string }>;
  kinds: BaselineKind[];
}

export interface ProvenanceReport {
  format: 'stagegate.provenance/1';
  generatedAt: string | null;
  candidate: CheckpointSummary;
  references: CheckpointSummary[];
  thresholds: ProvenanceThresholds;
  thresholdText: LocalizedText[];
  baseline: ProvenanceBaseline | null;
  baselineNote: LocalizedText;
  comparisons: ReferenceComparison[];
  verdict: ProvenanceVerdict;
  summary: LocalizedText;
}
