import { benchmarkWeights, frontierReference, monthsBefore, referencesInWindow } from '@stagegate/core/evaluation/benchmark';
import { compareSuite, DEFAULT_RESAMPLES, DEFAULT_SEED, type BenchmarkInput } from '@stagegate/core/evaluation/compare-suite';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { ComparisonDetail, CountedReference, StoredBenchmarkScore } from '../db/schema/index.ts';
import { toCoreBenchmark, type BenchmarkRow, type StoredReferenceModel, type SuiteRow } from './catalog.ts';

export interface PerformanceTarget {
  ratio: number;
  referenceWindowMonths: number;
}

const describe = (m: StoredReferenceModel): CountedReference => ({ name: m.name, vendor: m.vendor, releaseDate: m.releaseDate, demo: m.demo });

/** Which reference models count on the suite's date, and which do not and why. */
export function referenceWindow(models: readonly StoredReferenceModel[], evaluationDate: string, months: number) {
  const counted = referencesInWindow(models, evaluationDate, months);
  const windowFrom = monthsBefore(evaluationDate, months);
  const excluded = models
    .filter((m) => !counted.includes(m))
    .map((m) => ({ ...describe(m), why: (m.releaseDate < windowFrom ? 'too-old' : 'after-date') as 'too-old' | 'after-date' }));
  return { counted: counted.map(describe), excluded, windowFrom };
}

/** Standard error of a mean of per-item values: what the harness leaves out when it writes "N/A". */
function itemStderr(values: Float64Array): number | null {
  const n = values.length;
  if (n < 2) return null;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return Math.sqrt(ss / (n - 1) / n);
}

function binomialStderr(p: number, n: number | null | undefined): number | null {
  if (!n || n < 2 || p < 0 || p > 1) return null;
  return Math.sqrt((p * (1 - p)) / (n - 1));
}

export interface ComparisonInput {
  suite: SuiteRow;
  benchmarks: readonly BenchmarkRow[];
  scores: readonly StoredBenchmarkScore[];
  items: ReadonlyMap<string, Float64Array>;
  references: readonly StoredReferenceModel[];
  targetModel: string | null;
  target: PerformanceTarget;
}

export type ComparisonOutcome =
  | { ok: true; detail: ComparisonDetail; seed: number; resamples: number; windowMonths: number }
  | { ok: false; notes: LocalizedText[]; detail: Omit<ComparisonDetail, 'suite'> };

/**
 * A run against the frontier on the suite's date: common and NIA benchmarks against the best score
 * among the reference models released within the window, team-specific benchmarks against the
 * model the team declared as its target. Scores without a standard error get one from the items
 * (candidate) or the binomial formula over the benchmark's item count (published figures), said in
 * the notes; benchmarks that still have none are left out and named.
 */
export function compareWithFrontier(input: ComparisonInput): ComparisonOutcome {
  const { suite, target } = input;
  const byName = new Map(input.benchmarks.map((b) => [b.name, b]));
  const suiteBenchmarks = suite.benchmarkNames.map((n) => byName.get(n)!).filter(Boolean);
  const { counted, excluded, windowFrom } = referenceWindow(input.references, suite.evaluationDate, target.referenceWindowMonths);
  const frontier = frontierReference(input.references, suiteBenchmarks.map(toCoreBenchmark), suite.evaluationDate, target.referenceWindowMonths);
  const targetModel = input.targetModel ? input.references.find((m) => m.name === input.targetModel) : undefined;
  const targetScores: Record<string, number> = {};
  for (const s of targetModel?.scores ?? []) targetScores[s.benchmark] = s.score;

  const notes: LocalizedText[] = [];
  const binomialRefs: string[] = [];
  if (input.targetModel && !targetModel)
    notes.push({
      ko: `선언한 목표 모델 "${input.targetModel}"의 참조 점수가 없습니다`,
      en: `the declared target model "${input.targetModel}" has no reference figures`,
    });
  const missing: string[] = [];
  const referenceOf: ComparisonDetail['referenceOf'] = {};
  const inputs: BenchmarkInput[] = [];
  for (const b of suiteBenchmarks) {
    const score = input.scores.find((s) => s.benchmark === b.name);
    if (!score) {
      missing.push(b.name);
      continue;
    }
    let ref: { score: number; stderr?: number; source: string; model: string; role: 'frontier' | 'target' } | undefined;
    if (b.category === 'team-specific') {
      const s = targetModel?.scores.find((x) => x.benchmark === b.name);
      if (s) ref = { ...s, model: targetModel!.name, role: 'target' };
      else
        notes.push({
          ko: `${b.name}: 팀별 벤치마크이나 목표 모델 점수가 없어 비교하지 않았습니다`,
          en: `${b.name}: team-specific, but the declared target model has no score for it; not compared`,
        });
    } else {
      const s = frontier.get(b.name);
      if (s) ref = { ...s, role: 'frontier' };
      else
        notes.push({
          ko: `${b.name}: ${windowFrom}~${suite.evaluationDate}에 공개된 참조 모델 점수가 없어 비교하지 않았습니다`,
          en: `${b.name}: no reference model released between ${windowFrom} and ${suite.evaluationDate} has a score for it; not compared`,
        });
    }
    if (!ref) continue;
    const items = input.items.get(b.name);
    let candidateSe = score.stderr;
    if (candidateSe === null && items) {
      candidateSe = itemStderr(items);
      if (candidateSe !== null)
        notes.push({
          ko: `${b.name}: 결과에 표준오차가 없어 문항 ${items.length}개의 점수로 계산했습니다`,
          en: `${b.name}: the results give no standard error; computed from ${items.length} per-item scores`,
        });
    }
    if (candidateSe === null) {
      candidateSe = binomialStderr(score.value, score.samples?.effective ?? b.itemCount);
      if (candidateSe !== null)
        notes.push({
          ko: `${b.name}: 결과에 표준오차가 없어 이항 근사 √(p(1−p)/(n−1))를 썼습니다`,
          en: `${b.name}: the results give no standard error; binomial √(p(1−p)/(n−1))`,
        });
    }
    let referenceSe = ref.stderr ?? null;
    if (referenceSe === null) {
      referenceSe = binomialStderr(ref.score, b.itemCount);
      if (referenceSe !== null) binomialRefs.push(`${b.name} (n = ${b.itemCount})`);
    }
    if (candidateSe === null || referenceSe === null) {
      notes.push({
        ko: `${b.name}: ${candidateSe === null ? '팀 모델' : '참조'} 쪽 표준오차를 구할 수 없어 비교하지 않았습니다`,
        en: `${b.name}: no standard error on the ${candidateSe === null ? 'candidate' : 'reference'} side and no way to derive one; not compared`,
      });
      continue;
    }
    const denominator = b.higherIsBetter ? ref.score : score.value;
    if (!(denominator - b.chance > 0)) {
      notes.push({
        ko: `${b.name}: 점수가 찍기 수준(${b.chance}) 이하라 비교하지 않았습니다`,
        en: `${b.name}: the ${b.higherIsBetter ? 'reference' : 'candidate'} score is not above the chance level ${b.chance}; not compared`,
      });
      continue;
    }
    referenceOf[b.name] = { model: ref.model, source: ref.source, role: ref.role };
    inputs.push({
      name: b.name,
      metric: b.metric,
      higherIsBetter: b.higherIsBetter,
      chance: b.chance,
      candidate: { score: score.value, stderr: candidateSe },
      reference: { score: ref.score, stderr: referenceSe },
    });
  }
  if (binomialRefs.length) {
    notes.push({
      ko: `공개된 참조 점수에 표준오차가 없어 문항 수로 이항 근사했습니다: ${binomialRefs.join(', ')}`,
      en: `published reference scores give no standard error; binomial from the item count: ${binomialRefs.join(', ')}`,
    });
  }
  const base = { referenceOf, targetScores, counted, excluded, windowFrom, missing, notes };
  if (!inputs.length)
    return { ok: false, notes: [...notes, { ko: '비교할 수 있는 벤치마크가 없습니다', en: 'no benchmark of the suite could be compared' }], detail: base };
  const seed = DEFAULT_SEED;
  const resamples = DEFAULT_RESAMPLES;
  try {
    const weights = benchmarkWeights(
      inputs.map((i) => ({ name: i.name, category: byName.get(i.name)!.category })),
      suite.categoryWeights,
    );
    const suiteResult = compareSuite(inputs, { target: target.ratio, weights, seed, resamples });
    return { ok: true, detail: { ...base, suite: suiteResult }, seed, resamples, windowMonths: target.referenceWindowMonths };
  } catch (e) {
    return { ok: false, notes: [...notes, { ko: `비교할 수 없습니다: ${(e as Error).message}`, en: (e as Error).message }], detail: base };
  }
}
