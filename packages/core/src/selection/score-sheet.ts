import type { SelectionScheme } from '../program/definition.ts';
import { issue, type FieldIssue, type LocalizedText } from '../shared/localized.ts';
import { particle } from '../shared/korean-particles.ts';

/** One criterion as a reviewer scores it: points within the group's maximum, and a comment. */
export interface CriterionScore {
  score?: number | null;
  comment?: string | null;
}

/** A reviewer's sheet for one proposal in one round, keyed by criteria-group key. */
export type ScoreSheet = Record<string, CriterionScore>;

/**
 * Checks a sheet against the program's selection scheme. A draft may leave criteria empty but
 * never holds a score outside [0, points] or a criterion the scheme does not have; a submission
 * needs every score and every comment.
 */
export function checkScoreSheet(scheme: SelectionScheme, sheet: ScoreSheet, mode: 'draft' | 'submit'): FieldIssue[] {
  const out: FieldIssue[] = [];
  const keys = new Set(scheme.groups.map((g) => g.key));
  for (const k of Object.keys(sheet)) {
    if (!keys.has(k))
      out.push(
        issue(
          `scores.${k}`,
          `평가 기준 "${k}"${particle(k, '은/는')} 이 사업의 선정 기준에 없습니다`,
          `"${k}" is not a criterion of this program's selection scheme`,
        ),
      );
  }
  for (const g of scheme.groups) {
    const entry = sheet[g.key];
    const score = entry?.score;
    if (score === undefined || score === null) {
      if (mode === 'submit')
        out.push(issue(`scores.${g.key}.score`, `"${g.name.ko}" 점수를 입력하세요 (0–${g.points}점)`, `enter a score for "${g.name.en}" (0–${g.points})`));
    } else if (!Number.isFinite(score) || score < 0 || score > g.points) {
      out.push(
        issue(
          `scores.${g.key}.score`,
          `"${g.name.ko}" 점수는 0점 이상 ${g.points}점 이하여야 합니다 (입력: ${score})`,
          `the score for "${g.name.en}" must be between 0 and ${g.points} (got ${score})`,
        ),
      );
    } else if (Math.round(score * 10) !== score * 10) {
      out.push(
        issue(`scores.${g.key}.score`, `"${g.name.ko}" 점수는 소수점 첫째 자리까지 입력합니다`, `the score for "${g.name.en}" takes at most one decimal`),
      );
    }
    const comment = entry?.comment?.trim() ?? '';
    if (mode === 'submit' && comment === '') {
      out.push(issue(`scores.${g.key}.comment`, `"${g.name.ko}" 평가 의견을 적어 주세요`, `write a comment for "${g.name.en}"`));
    }
    if (comment.length > 5000) out.push(issue(`scores.${g.key}.comment`, '평가 의견은 5,000자 이내로 적습니다', 'a comment holds at most 5,000 characters'));
  }
  return out;
}

/** The sheet's total points; undefined while any criterion is unscored. */
export function sheetTotal(scheme: SelectionScheme, sheet: ScoreSheet): number | undefined {
  let total = 0;
  for (const g of scheme.groups) {
    const s = sheet[g.key]?.score;
    if (s === undefined || s === null) return undefined;
    total += s;
  }
  return Math.round(total * 10) / 10;
}

/** Labels for the form: each group with its points and sub-criteria, in scheme order. */
export interface FormCriterion {
  key: string;
  name: LocalizedText;
  points: number;
  subCriteria: LocalizedText[];
}

export function reviewForm(scheme: SelectionScheme): { totalPoints: number; criteria: FormCriterion[] } {
  return { totalPoints: scheme.totalPoints, criteria: scheme.groups.map((g) => ({ key: g.key, name: g.name, points: g.points, subCriteria: g.subCriteria })) };
}
