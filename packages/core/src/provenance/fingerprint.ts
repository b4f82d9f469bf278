/**
 * A shape-independent summary of a tensor's values, for tensors that have no counterpart of the
 * same shape (a resized embedding, a re-split projection). It tells "drawn from a different
 * distribution" apart from "could be the same", never more: independent models trained the same
 * way share distributions, so a fingerprint match is inconclusive by design.
 */
export interface Fingerprint {
  elements: number;
  mean: number;
  std: number;
  skewness: number;
  kurtosis: number;
  /** 33 quantiles (0, 1/32 … 1) of an evenly strided sample of the values */
  quantiles: number[];
}

export interface FingerprintComparison {
  /** Pearson correlation of the inner quantiles (shape of the distribution) */
  quantileCorrelation: number | null;
  /** candidate std / reference std */
  stdRatio: number | null;
  /** |mean difference| in units of the reference std */
  meanShift: number | null;
  sameDistribution: boolean;
}

export const fingerprintQuantiles = 33;

/** Builds a fingerprint from blocks streamed in order; memory is the sample, not the tensor. */
export class FingerprintBuilder {
  private readonly stride: number;
  private readonly sample: Float64Array;
  private sampled = 0;
  private seen = 0;
  private sum = 0;
  private sumSq = 0;

  constructor(
    readonly totalElements: number,
    sampleSize = 4096,
  ) {
    this.stride = Math.max(1, Math.floor(totalElements / sampleSize));
    this.sample = new Float64Array(Math.min(sampleSize, Math.max(1, totalElements)));
  }

  add(block: Float32Array, length = block.length): void {
    let s = 0,
      ss = 0;
    for (let i = 0; i < length; i++) {
      const x = block[i]!;
      s += x;
      ss += x * x;
    }
    this.sum += s;
    this.sumSq += ss;
    // the next sampled global index at or after this block's start
    let next = Math.ceil(this.seen / this.stride) * this.stride;
    while (next < this.seen + length && this.sampled < this.sample.length) {
      this.sample[this.sampled++] = block[next - this.seen]!;
      next += this.stride;
    }
    this.seen += length;
  }

  finish(): Fingerprint {
    const n = this.seen;
    const mean = n ? this.sum / n : 0;
    const std = n ? Math.sqrt(Math.max(0, this.sumSq / n - mean * mean)) : 0;
    const sample = Array.from(this.sample.subarray(0, this.sampled)).sort((x, y) => x - y);
    // higher moments from the sample's own centred values: raw power sums cancel badly for
    // tensors like norm weights that sit at 1 ± 0.01
    const sm = sample.reduce((a, x) => a + x, 0) / Math.max(1, sample.length);
    let m2 = 0,
      m3 = 0,
      m4 = 0;
    for (const x of sample) {
      const d = x - sm;
      m2 += d * d;
      m3 += d * d * d;
      m4 += d * d * d * d;
    }
    const k = Math.max(1, sample.length);
    m2 /= k;
    m3 /= k;
    m4 /= k;
    const skewness = m2 > 0 ? m3 / m2 ** 1.5 : 0;
    const kurtosis = m2 > 0 ? m4 / (m2 * m2) - 3 : 0;
    const quantiles = Array.from({ length: fingerprintQuantiles }, (_, i) =>
      sample.length ? sample[Math.round((i / (fingerprintQuantiles - 1)) * (sample.length - 1))]! : 0,
    );
    return { elements: n, mean, std, skewness, kurtosis, quantiles };
  }
}

export interface FingerprintThresholds {
  minQuantileCorrelation: number;
  stdRatioRange: [number, number];
  maxMeanShift: number;
}

export function compareFingerprints(candidate: Fingerprint, reference: Fingerprint, t: FingerprintThresholds): FingerprintComparison {
  // the extreme quantiles are single outliers; the inner ones describe the shape
  const qa = candidate.quantiles.slice(1, -1),
    qb = reference.quantiles.slice(1, -1);
  const quantileCorrelation = pearson(qa, qb);
  const stdRatio = reference.std > 0 ? candidate.std / reference.std : null;
  const meanShift = reference.std > 0 ? Math.abs(candidate.mean - reference.mean) / reference.std : null;
  const sameDistribution =
    quantileCorrelation !== null &&
    quantileCorrelation >= t.minQuantileCorrelation &&
    stdRatio !== null &&
    stdRatio >= t.stdRatioRange[0] &&
    stdRatio <= t.stdRatioRange[1] &&
    meanShift !== null &&
    meanShift <= t.maxMeanShift;
  return { quantileCorrelation, stdRatio, meanShift, sameDistribution };
}

function pearson(x: number[], y: number[]): number | null {
  const n = Math.min(x.length, y.length);
  if (n < 2) return null;
  const mx = x.reduce((a, v) => a + v, 0) / n,
    my = y.reduce((a, v) => a + v, 0) / n;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}
