import type { LocalizedText } from '../shared/localized.ts';

export type Verdict = 'pass' | 'fail' | 'inconclusive';

/**
 * Judged on the interval, never on the point estimate: pass when the whole 95 % interval is at or
 * above the target, fail when it lies wholly below, inconclusive when it straddles the target.
 */
export function verdictFor(ci: readonly [number, number], target: number): Verdict {
  if (ci[0] >= target) return 'pass';
  if (ci[1] < target) return 'fail';
  return 'inconclusive';
}

export function describeVerdict(verdict: Verdict, target: number): LocalizedText {
  const pct = `${Math.round(target * 1000) / 10} %`;
  switch (verdict) {
    case 'pass':
      return { ko: `95 % 신뢰구간 전체가 목표(${pct}) 이상입니다.`, en: `The whole 95 % interval is at or above the target (${pct}).` };
    case 'fail':
      return { ko: `95 % 신뢰구간 전체가 목표(${pct}) 미만입니다.`, en: `The whole 95 % interval is below the target (${pct}).` };
    case 'inconclusive':
      return {
        ko: `95 % 신뢰구간이 목표(${pct})를 포함하여 판정할 수 없습니다.`,
        en: `The 95 % interval straddles the target (${pct}); no verdict either way.`,
      };
  }
}
