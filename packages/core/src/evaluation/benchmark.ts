import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** A benchmark as the program defines it; suites and weights refer to it by name. */
export const benchmark = z.object({
  name: z.string().min(1),
  /** e.g. `nia`, `common`, `team-specific`: the scheme weighs categories, not single benchmarks */
  category: z.string().min(1),
  /** metric key as the harness names it without filter, e.g. `acc`, `exact_match` */
  metric: z.string().min(1),
  /** the harness filter of the metric, e.g. `strict-match`; omit when the metric has only one */
  filter: z.string().min(1).optional(),
  higherIsBetter: z.boolean().default(true),
  /** expected score of random guessing for multiple choice (0.25 for four options); 0 otherwise */
  chance: z.number().min(0).max(1).default(0),
  itemCount: z.number().int().positive().optional(),
});
export type Benchmark = z.infer<typeof benchmark>;

export const referenceScore = z.object({
  benchmark: z.string().min(1),
  score: z.number(),
  stderr: z.number().nonnegative().optional(),
  /** where the number comes from: a model card, a paper, our own run id */
  source: z.string().min(1),
});
export type ReferenceScore = z.infer<typeof referenceScore>;

export const referenceModel = z.object({
  name: z.string().min(1),
  vendor: z.string().min(1),
  releaseDate: isoDate,
  scores: z.array(referenceScore),
});
export type ReferenceModel = z.infer<typeof referenceModel>;

/** `date` minus `months` calendar months, the day clamped to the target month's length (31 Aug − 6 → 28/29 Feb). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The reference models that count on an evaluation date: released within the last `months`
 * months, i.e. on or after the date `months` months earlier and not after the evaluation date.
 */
export function referencesInWindow<M extends Pick<ReferenceModel, 'releaseDate'>>(models: readonly M[], evaluationDate: string, months: number): M[] {
  const from = monthsBefore(evaluationDate, months);
  return models.filter((m) => m.releaseDate >= from && m.releaseDate <= evaluationDate);
}

/**
 * The frontier a candidate is held against: per benchmark, the best score among the models that
 * count on the date (lowest when lower is better), with the model and source it came from.
 */
export function frontierReference(
  models: readonly ReferenceModel[],
  benchmarks: readonly Benchmark[],
  evaluationDate: string,
  months: number,
): Map<string, ReferenceScore & { model: string }> {
  const counted = referencesInWindow(models, evaluationDate, months);
  const best = new Map<string, ReferenceScore & { model: string }>();
  for (const b of benchmarks) {
    for (const m of counted) {
      const s = m.scores.find((x) => x.benchmark === b.name);
      if (!s) continue;
      const current = best.get(b.name);
      const better = !current || (b.higherIsBetter ? s.score > current.score : s.score < current.score);
      if (better) best.set(b.name, { ...s, model: m.name });
    }
  }
  return best;
}

/**
 * Each benchmark's share of the aggregate: a category's weight is split equally among its
 * benchmarks present in the comparison, then all shares are normalised to sum to 1. Categories
 * without a weight count 0; with no weights at all every benchmark counts equally.
 */
export function benchmarkWeights(
  benchmarks: readonly Pick<Benchmark, 'name' | 'category'>[],
  categoryWeights?: Readonly<Record<string, number>>,
): Map<string, number> {
  const weights = new Map<string, number>();
  if (!categoryWeights || Object.keys(categoryWeights).length === 0) {
    for (const b of benchmarks) weights.set(b.name, 1 / benchmarks.length);
    return weights;
  }
  const perCategory = new Map<string, number>();
  for (const b of benchmarks) perCategory.set(b.category, (perCategory.get(b.category) ?? 0) + 1);
  let total = 0;
  for (const b of benchmarks) {
    const w = (categoryWeights[b.category] ?? 0) / perCategory.get(b.category)!;
    weights.set(b.name, w);
    total += w;
  }
  if (total <= 0) throw new Error('category weights give every benchmark weight 0');
  for (const [k, w] of weights) weights.set(k, w / total);
  return weights;
}
