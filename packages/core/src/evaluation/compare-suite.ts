import { createRng, type Rng } from '../shared/random.ts';
import { ratioStandardError } from './delta-method.ts';
import { normalCdf, percentileInterval, shareAtLeast, Z95 } from './distribution.ts';
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
  const draws: (Float64Array | null)[] = [];
  const deltaSe: number[] = [];
  for (const input of inputs) {
    const weight = weights.get(input.name)!;
    const denominator = input.higherIsBetter ? input.reference.score : input.candidate.score;
    if (!(denominator - input.chance > 0)) {
      throw new Error(
        `${input.name}: the ${input.higherIsBetter ? 'reference' : 'candidate'} score ${denominator} is not above the chance level ${input.chance}, so the ratio means nothing`,
      );
    }
    if (input.items) {
      const d = bootstrapRatios(input, resamples, streamFor(seed, input.name));
      const ratio = scoreRatio(d.candidate, d.reference, input);
      const ci = percentileInterval(d.ratios);
      benchmarks.push({
        name: input.name,
        metric: input.metric,
        candidate: d.candidate,
        reference: d.reference,
        ratio,
        ci,
        pAtLeastTarget: shareAtLeast(d.ratios, target),
        method: input.items.paired ? 'paired-bootstrap' : 'unpaired-bootstrap',
        weight,
      });
      draws.push(d.ratios);
      deltaSe.push(NaN);
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
      draws.push(null);
      deltaSe.push(se);
    }
  }

  const ratio = benchmarks.reduce((sum, b) => sum + b.weight * b.ratio, 0);
  let aggregate: SuiteComparison['aggregate'];
  if (draws.every((d) => d === null)) {
    const se = Math.sqrt(benchmarks.reduce((sum, b, i) => sum + b.weight * b.weight * deltaSe[i]! * deltaSe[i]!, 0));
    const ci: [number, number] = [ratio - Z95 * se, ratio + Z95 * se];
    aggregate = { ratio, ci, pAtLeastTarget: probabilityAtLeast(ratio, se, target), verdict: verdictFor(ci, target), method: 'delta' };
  } else {
    const total = new Float64Array(resamples);
    benchmarks.forEach((b, i) => {
      let d = draws[i];
      if (!d) {
        const rng = streamFor(seed, `${b.name}#delta`);
        d = new Float64Array(resamples);
        for (let k = 0; k < resamples; k++) d[k] = b.ratio + deltaSe[i]! * rng.normal();
      }
      for (let k = 0; k < resamples; k++) total[k]! += b.weight * d[k]!;
    });
    const ci = percentileInterval(total);
    aggregate = { ratio, ci, pAtLeastTarget: shareAtLeast(total, target), verdict: verdictFor(ci, target), method: 'bootstrap' };
  }
  return { benchmarks, aggregate, target, resamples, seed };
}

/** The benchmark's ratio over `resamples` bootstrap resamples of its items. */
export function bootstrapRatios(
  input: Pick<BenchmarkInput, 'items' | 'higherIsBetter' | 'chance'>,
  resamples: number,
  rng: Rng,
  method: 'auto' | 'per-item' = 'auto',
): { candidate: number; reference: number; ratios: Float64Array } {
  const resampler = createMeanResampler(input.items!, method);
  const ratios = new Float64Array(resamples);
  const means = new Float64Array(2);
  for (let k = 0; k < resamples; k++) {
    resampler.draw(rng, means);
    ratios[k] = scoreRatio(means[0]!, means[1]!, input);
  }
  return { candidate: resampler.candidateMean, reference: resampler.referenceMean, ratios };
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
