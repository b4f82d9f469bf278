import type { Rng } from '../shared/random.ts';
import { multinomialSampler } from './sampling.ts';

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

/** Items by value (pairs of values when `y` is given): null when there are more than MAX_BUCKETS. */
function bucketPairs(x: Float64Array, y: Float64Array | null): Buckets | null {
  const xs: number[] = [],
    ys: number[] = [],
    counts: number[] = [];
  if (!binaryBuckets(x, y, xs, ys, counts) && !anyBuckets(x, y, xs, ys, counts)) return null;
  // Largest buckets first keeps the conditional probabilities of the chain well away from 0.
  const order = counts.map((_, k) => k).sort((a, b) => counts[b]! - counts[a]!);
  return {
    x: Float64Array.from(order, (k) => xs[k]!),
    y: Float64Array.from(order, (k) => ys[k]!),
    probability: Float64Array.from(order, (k) => counts[k]! / x.length),
  };
}

/**
 * Most benchmarks score items 0 or 1: one pass tallies the (at most four) buckets by arithmetic.
 * Buckets come out in the order their first item appears, as from anyBuckets. False, with
 * nothing written, as soon as a value is neither 0 nor 1.
 */
function binaryBuckets(x: Float64Array, y: Float64Array | null, xs: number[], ys: number[], counts: number[]): boolean {
  const tally = new Int32Array(4);
  // v·(v − 1) is 0 exactly for 0 (−0 too) and 1, NaN or non-zero for anything else: no branch
  // to mispredict on random 0/1 data
  if (y) {
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!,
        yi = y[i]!;
      if (xi * (xi - 1) !== 0 || yi * (yi - 1) !== 0) return false;
      tally[2 * xi + yi]!++;
    }
  } else {
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      if (xi * (xi - 1) !== 0) return false;
      tally[2 * xi]!++;
    }
  }
  // where each bucket first appears (the order anyBuckets would give them): found near the start
  const first = new Int32Array(4).fill(-1);
  for (let i = 0, found = 0, present = tally.filter((t) => t > 0).length; found < present; i++) {
    const code = 2 * x[i]! + (y ? y[i]! : 0);
    if (first[code]! < 0) {
      first[code] = i;
      found++;
    }
  }
  const seen = [0, 1, 2, 3].filter((code) => first[code]! >= 0).sort((a, b) => first[a]! - first[b]!);
  for (const code of seen) {
    // the first item's own values, so a −0 stays −0 as in anyBuckets
    xs.push(x[first[code]!]!);
    ys.push(y ? y[first[code]!]! : 0);
    counts.push(tally[code]!);
  }
  return true;
}

/**
 * Any values: each side's distinct values get a small code (found by a short scan), and a pair's
 * bucket is looked up by the two codes. Values match as SameValueZero, so −0 is 0 and NaN is NaN.
 * False once there are more than MAX_BUCKETS buckets.
 */
function anyBuckets(x: Float64Array, y: Float64Array | null, xs: number[], ys: number[], counts: number[]): boolean {
  const xValues = new Float64Array(MAX_BUCKETS),
    yValues = new Float64Array(MAX_BUCKETS);
  const distinct = [0, 0];
  const bucketOf = new Int16Array(MAX_BUCKETS * MAX_BUCKETS).fill(-1);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!,
      yi = y ? y[i]! : 0;
    const cx = valueCode(xValues, distinct, 0, xi);
    const cy = valueCode(yValues, distinct, 1, yi);
    if (cx < 0 || cy < 0) return false;
    let k = bucketOf[cx * MAX_BUCKETS + cy]!;
    if (k < 0) {
      if (counts.length >= MAX_BUCKETS) return false;
      k = bucketOf[cx * MAX_BUCKETS + cy] = counts.length;
      xs.push(xi);
      ys.push(yi);
      counts.push(0);
    }
    counts[k]!++;
  }
  return true;
}

/** The code of `v` among the side's distinct values, adding it when new; −1 once there are too many. */
function valueCode(values: Float64Array, distinct: number[], side: number, v: number): number {
  const count = distinct[side]!;
  for (let c = 0; c < count; c++) {
    const w = values[c]!;
    if (w === v || (w !== w && v !== v)) return c;
  }
  if (count >= MAX_BUCKETS) return -1;
  values[count] = v;
  distinct[side] = count + 1;
  return count;
}

function pairedMultinomial(b: Buckets, n: number, candidateMean: number, referenceMean: number): MeanResampler {
  const counts = new Int32Array(b.x.length);
  const multinomial = multinomialSampler(n, b.probability);
  return {
    method: 'multinomial',
    candidateMean,
    referenceMean,
    draw(rng, out) {
      multinomial(rng, counts);
      let s = 0,
        r = 0;
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
  const cc = new Int32Array(c.x.length),
    rc = new Int32Array(r.x.length);
  const candidateCounts = multinomialSampler(nc, c.probability),
    referenceCounts = multinomialSampler(nr, r.probability);
  return {
    method: 'multinomial',
    candidateMean,
    referenceMean,
    draw(rng, out) {
      candidateCounts(rng, cc);
      referenceCounts(rng, rc);
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
      let s = 0,
        r = 0;
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
