import type { Rng } from '../shared/random.ts';
import { multinomial } from './sampling.ts';

/**
 * Per-item scores of one benchmark. Paired: index i is the same item (same doc id) for both
 * models, so a resample draws the same items for both and their correlation cancels out of the
 * ratio's noise. Unpaired: the two item sets are resampled independently.
 */
export interface ItemScores {
  paired: boolean;
  candidate: Float64Array;
  reference: Float64Array;
}

/** Draws one bootstrap resample's mean scores: out[0] candidate, out[1] reference. */
export interface MeanResampler {
  readonly method: 'multinomial' | 'per-item';
  readonly candidateMean: number;
  readonly referenceMean: number;
  draw(rng: Rng, out: Float64Array): void;
}

/** Above this many distinct item values a per-item resample is cheaper than the multinomial chain. */
const MAX_BUCKETS = 64;

/**
 * Picks the cheapest exact resampler. Benchmarks score items 0/1 (or on a few levels), so the
 * items fall into a handful of buckets by value — for paired 0/1 items the 2×2 table (both right,
 * only candidate, only reference, both wrong). A resample of n items is then a multinomial draw
 * of the bucket counts: exact, and O(buckets) instead of O(n). Many distinct values (continuous
 * scores) fall back to drawing n item indices.
 */
export function createMeanResampler(items: ItemScores, method: 'auto' | 'per-item' = 'auto'): MeanResampler {
  const { candidate, reference } = items;
  if (candidate.length === 0 || reference.length === 0) throw new Error('a benchmark needs at least one item on each side');
  if (items.paired && candidate.length !== reference.length) throw new Error('paired items need the same count on both sides');
  const candidateMean = mean(candidate);
  const referenceMean = mean(reference);
  if (items.paired) {
    const buckets = method === 'auto' ? bucketPairs(candidate, reference) : null;
    if (buckets) return pairedMultinomial(buckets, candidate.length, candidateMean, referenceMean);
    return pairedPerItem(candidate, reference, candidateMean, referenceMean);
  }
  const c = method === 'auto' ? bucketPairs(candidate, null) : null;
  const r = method === 'auto' ? bucketPairs(reference, null) : null;
  if (c && r) return unpairedMultinomial(c, candidate.length, r, reference.length, candidateMean, referenceMean);
  return unpairedPerItem(candidate, reference, candidateMean, referenceMean);
}

interface Buckets {
  x: Float64Array;
  y: Float64Array;
  probability: Float64Array;
}

function bucketPairs(x: Float64Array, y: Float64Array | null): Buckets | null {
  const index = new Map<string, number>();
  const xs: number[] = [], ys: number[] = [], counts: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const key = y ? `${x[i]}|${y[i]}` : String(x[i]);
    let k = index.get(key);
    if (k === undefined) {
      if (index.size >= MAX_BUCKETS) return null;
      k = index.size;
      index.set(key, k);
      xs.push(x[i]!);
      ys.push(y ? y[i]! : 0);
      counts.push(0);
    }
    counts[k]!++;
  }
  // Largest buckets first keeps the conditional probabilities of the chain well away from 0.
  const order = counts.map((_, k) => k).sort((a, b) => counts[b]! - counts[a]!);
  return {
    x: Float64Array.from(order, (k) => xs[k]!),
    y: Float64Array.from(order, (k) => ys[k]!),
    probability: Float64Array.from(order, (k) => counts[k]! / x.length),
  };
}

function pairedMultinomial(b: Buckets, n: number, candidateMean: number, referenceMean: number): MeanResampler {
  const counts = new Int32Array(b.x.length);
  return {
    method: 'multinomial',
    candidateMean,
    referenceMean,
    draw(rng, out) {
      multinomial(rng, n, b.probability, counts);
      let s = 0, r = 0;
      for (let k = 0; k < counts.length; k++) {
        s += counts[k]! * b.x[k]!;
        r += counts[k]! * b.y[k]!;
      }
      out[0] = s / n;
      out[1] = r / n;
    },
  };
}

function unpairedMultinomial(c: Buckets, nc: number, r: Buckets, nr: number, candidateMean: number, referenceMean: number): MeanResampler {
  const cc = new Int32Array(c.x.length), rc = new Int32Array(r.x.length);
  return {
    method: 'multinomial',
    candidateMean,
    referenceMean,
    draw(rng, out) {
      multinomial(rng, nc, c.probability, cc);
      multinomial(rng, nr, r.probability, rc);
      out[0] = dot(cc, c.x) / nc;
      out[1] = dot(rc, r.x) / nr;
    },
  };
}

function pairedPerItem(x: Float64Array, y: Float64Array, candidateMean: number, referenceMean: number): MeanResampler {
  const n = x.length;
  return {
    method: 'per-item',
    candidateMean,
    referenceMean,
    draw(rng, out) {
      let s = 0, r = 0;
      for (let i = 0; i < n; i++) {
        const j = rng.int(n);
        s += x[j]!;
        r += y[j]!;
      }
      out[0] = s / n;
      out[1] = r / n;
    },
  };
}

function unpairedPerItem(x: Float64Array, y: Float64Array, candidateMean: number, referenceMean: number): MeanResampler {
  return {
    method: 'per-item',
    candidateMean,
    referenceMean,
    draw(rng, out) {
      out[0] = resampledMean(rng, x);
      out[1] = resampledMean(rng, y);
    },
  };
}

function resampledMean(rng: Rng, v: Float64Array): number {
  const n = v.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += v[rng.int(n)]!;
  return s / n;
}

function mean(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s / v.length;
}

function dot(counts: Int32Array, values: Float64Array): number {
  let s = 0;
  for (let k = 0; k < counts.length; k++) s += counts[k]! * values[k]!;
  return s;
}
