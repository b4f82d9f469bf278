import { createRng, type Rng } from '../shared/random.ts';
import { ratioStandardError } from './delta-method.ts';
import { normalCdf, percentileIntervalInPlace, shareAtLeast, Z95 } from './distribution.ts';
import { createMeanResampler, type ItemScores } from './item-resampler.ts';
import { scoreRatio, type RatioSpec } from './ratio.ts';
import { verdictFor, type Verdict } from './verdict.ts';

export interface ScoreWithError {
  score: number;
  /** standard error of the score; null when the source gave none (the harness writes "N/A") */
  stderr: number | null;
}

/** One benchmark of a comparison: summary scores always, per-item scores when both sides have them. */
export interface BenchmarkInput extends RatioSpec {
  name: string;
  metric: string;
  candidate: ScoreWithError;
  reference: ScoreWithError;
  items?: ItemScores;
}

export interface CompareOptions {
  /** the ratio the candidate must reach, e.g. 0.95 */
  target: number;
  /** weight per benchmark name (see benchmarkWeights); equal weights when absent */
  weights?: ReadonlyMap<string, number>;
  resamples?: number;
  seed?: number;
}

export type UncertaintyMethod = 'paired-bootstrap' | 'unpaired-bootstrap' | 'delta';

export interface BenchmarkComparison {
  name: string;
  metric: string;
  candidate: number;
  reference: number;
  ratio: number;
  ci: [number, number];
  pAtLeastTarget: number;
  method: UncertaintyMethod;
  weight: number;
}

export interface SuiteComparison {
  benchmarks: BenchmarkComparison[];
  aggregate: {
    ratio: number;
    ci: [number, number];
    pAtLeastTarget: number;
    verdict: Verdict;
    /** 'delta' only when no benchmark had items; otherwise bootstrap draws mixed with normal draws */
    method: 'bootstrap' | 'delta';
  };
  target: number;
  resamples: number;
  seed: number;
}

export const DEFAULT_RESAMPLES = 10_000;
export const DEFAULT_SEED = 20260105;

/**
 * Candidate against reference over a suite. Per benchmark: the ratio, its 95 % interval (a
 * stratified bootstrap over items where items exist — paired when they align by doc id — and the
 * delta method from standard errors otherwise) and P(ratio ≥ target). The aggregate is the weighted
 * mean of benchmark ratios; its interval comes from the same resamples (benchmarks are strata,
 * resampled independently; stderr-only benchmarks contribute normal draws of their ratio), so the
 * verdict rests on the interval, never on the point estimate. Seeded: the same inputs give the same
 * intervals, and each benchmark has its own stream so adding one does not move the others.
 */
export function compareSuite(inputs: readonly BenchmarkInput[], options: CompareOptions): SuiteComparison {
  if (inputs.length === 0) throw new Error('nothing to compare: no benchmark is present on both sides');
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  const target = options.target;
  const weights = normalisedWeights(inputs, options.weights);

  const benchmarks: BenchmarkComparison[] = [];
  // The aggregate's draws are summed benchmark by benchmark as each is drawn (the same sums in the
  // same order as summing them afterwards), so each benchmark's draws can then be reordered in
  // place for its interval instead of being kept and copied.
  const total = inputs.some((input) => input.items) ? new Float64Array(resamples) : null;
  const scratch = total ? new Float64Array(resamples) : null;
  let varianceSum = 0;
  for (const input of inputs) {
    const weight = weights.get(input.name)!;
    const denominator = input.higherIsBetter ? input.reference.score : input.candidate.score;
    if (!(denominator - input.chance > 0)) {
      throw new Error(
        `${input.name}: the ${input.higherIsBetter ? 'reference' : 'candidate'} score ${denominator} is not above the chance level ${input.chance}, so the ratio means nothing`,
      );
    }
    if (input.items) {
      const d = bootstrapRatios(input, resamples, streamFor(seed, input.name), 'auto', scratch!);
      const ratio = scoreRatio(d.candidate, d.reference, input);
      const pAtLeastTarget = shareAtLeast(d.ratios, target);
      addWeighted(total!, weight, d.ratios);
      benchmarks.push({
        name: input.name,
        metric: input.metric,
        candidate: d.candidate,
        reference: d.reference,
        ratio,
        ci: percentileIntervalInPlace(d.ratios),
        pAtLeastTarget,
        method: input.items.paired ? 'paired-bootstrap' : 'unpaired-bootstrap',
        weight,
      });
    } else {
      const se = deltaStandardError(input);
      const ratio = scoreRatio(input.candidate.score, input.reference.score, input);
      benchmarks.push({
        name: input.name,
        metric: input.metric,
        candidate: input.candidate.score,
        reference: input.reference.score,
        ratio,
        ci: [ratio - Z95 * se, ratio + Z95 * se],
        pAtLeastTarget: probabilityAtLeast(ratio, se, target),
        method: 'delta',
        weight,
      });
      varianceSum += weight * weight * se * se;
      if (total) {
        // stderr-only benchmarks enter the bootstrap aggregate as normal draws of their ratio
        const rng = streamFor(seed, `${input.name}#delta`);
        const d = scratch!;
        for (let k = 0; k < resamples; k++) d[k] = ratio + se * rng.normal();
        addWeighted(total, weight, d);
      }
    }
  }

  const ratio = benchmarks.reduce((sum, b) => sum + b.weight * b.ratio, 0);
  let aggregate: SuiteComparison['aggregate'];
  if (!total) {
    const se = Math.sqrt(varianceSum);
    const ci: [number, number] = [ratio - Z95 * se, ratio + Z95 * se];
    aggregate = { ratio, ci, pAtLeastTarget: probabilityAtLeast(ratio, se, target), verdict: verdictFor(ci, target), method: 'delta' };
  } else {
    const pAtLeastTarget = shareAtLeast(total, target);
    const ci = percentileIntervalInPlace(total);
    aggregate = { ratio, ci, pAtLeastTarget, verdict: verdictFor(ci, target), method: 'bootstrap' };
  }
  return { benchmarks, aggregate, target, resamples, seed };
}

/** The benchmark's ratio over `resamples` bootstrap resamples of its items. */
export function bootstrapRatios(
  input: Pick<BenchmarkInput, 'items' | 'higherIsBetter' | 'chance'>,
  resamples: number,
  rng: Rng,
  method: 'auto' | 'per-item' = 'auto',
  /** where to write the ratios (at least `resamples` long); a new array when absent */
  into?: Float64Array,
): { candidate: number; reference: number; ratios: Float64Array } {
  const resampler = createMeanResampler(input.items!, method);
  const ratios = into ? into.subarray(0, resamples) : new Float64Array(resamples);
  const means = new Float64Array(2);
  for (let k = 0; k < resamples; k++) {
    resampler.draw(rng, means);
    ratios[k] = scoreRatio(means[0]!, means[1]!, input);
  }
  return { candidate: resampler.candidateMean, reference: resampler.referenceMean, ratios };
}

function addWeighted(total: Float64Array, weight: number, draws: Float64Array): void {
  for (let k = 0; k < total.length; k++) total[k]! += weight * draws[k]!;
}

function deltaStandardError(input: BenchmarkInput): number {
  const { candidate, reference } = input;
  if (candidate.stderr === null || reference.stderr === null) {
    const side = candidate.stderr === null ? 'candidate' : 'reference';
    throw new Error(`${input.name}: the ${side} has no standard error and no per-item scores, so no interval can be given`);
  }
  return ratioStandardError({ score: candidate.score, stderr: candidate.stderr }, { score: reference.score, stderr: reference.stderr }, input);
}

function probabilityAtLeast(ratio: number, se: number, target: number): number {
  if (se === 0) return ratio >= target ? 1 : 0;
  return 1 - normalCdf((target - ratio) / se);
}

function normalisedWeights(inputs: readonly BenchmarkInput[], weights?: ReadonlyMap<string, number>): Map<string, number> {
  const raw = inputs.map((b) => (weights ? (weights.get(b.name) ?? 0) : 1));
  const total = raw.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new Error('the benchmark weights sum to 0');
  return new Map(inputs.map((b, i) => [b.name, raw[i]! / total]));
}

/** An independent, reproducible stream per benchmark: FNV-1a of the name mixed with the seed. */
function streamFor(seed: number, name: string): Rng {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return createRng(h >>> 0);
}
