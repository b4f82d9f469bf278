import type { LocalizedText } from '../shared/localized.ts';

/** One benchmark of a stored suite comparison: its ratio to the reference and the weight the comparison gave it. */
export interface ComparedBenchmark {
  name: string;
  ratio: number;
  weight: number;
}

export type ComponentRatio =
  | { component: string; category: string; ok: true; ratio: number; benchmarks: string[] }
  | { component: string; category: string | null; ok: false; reason: LocalizedText };

/**
 * Each benchmark component's ratio from one team's suite comparison: the weighted mean of the
 * compared benchmarks of the category mapped to it, with the weights the comparison used (a
 * category's weight is split equally among its benchmarks, so within a category this is their plain
 * mean; a category weighted 0 falls back to the plain mean). Benchmarks the comparison could not
 * compare do not count; a component with no mapping or no compared benchmark says why.
 */
export function benchmarkComponentRatios(
  components: readonly string[],
  mapping: Readonly<Record<string, string>>,
  compared: readonly ComparedBenchmark[],
  categoryOf: ReadonlyMap<string, string>,
): ComponentRatio[] {
  return components.map((component): ComponentRatio => {
    const category = mapping[component];
    if (!category) {
      return {
        component,
        category: null,
        ok: false,
        reason: { ko: `점수 규칙에 "${component}" 항목의 벤치마크 분류가 없습니다`, en: `the scoring rules map no benchmark category to "${component}"` },
      };
    }
    const mine = compared.filter((b) => categoryOf.get(b.name) === category && Number.isFinite(b.ratio));
    if (mine.length === 0) {
      return {
        component,
        category,
        ok: false,
        reason: { ko: `"${category}" 분류에 비교된 벤치마크가 없습니다`, en: `no benchmark of category "${category}" was compared` },
      };
    }
    const weight = mine.reduce((s, b) => s + b.weight, 0);
    const ratio = weight > 0 ? mine.reduce((s, b) => s + b.weight * b.ratio, 0) / weight : mine.reduce((s, b) => s + b.ratio, 0) / mine.length;
    return { component, category, ok: true, ratio, benchmarks: mine.map((b) => b.name) };
  });
}
