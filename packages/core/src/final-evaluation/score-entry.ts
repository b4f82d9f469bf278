import { issue, type FieldIssue } from '../shared/localized.ts';

/** The highest final score a task can get: the final evaluation scores out of 100. */
export const FINAL_SCORE_MAX = 100;

export interface ScoreEntry {
  task: string;
  score: number;
}

export interface ScoreChange {
  task: string;
  before: number | null;
  after: number;
}

const badNumber = (field: string) =>
  issue(field, '0에서 100 사이의 숫자(소수 둘째 자리까지)를 적어 주세요', 'give a number from 0 to 100 with at most two decimals');

/** The issue with one final score, naming its field, or undefined when it is a score out of 100 with at most two decimals. */
export function checkFinalScore(score: number, field: string): FieldIssue | undefined {
  if (!Number.isFinite(score) || score < 0 || Math.abs(score * 100 - Math.round(score * 100)) > 1e-9) return badNumber(field);
  if (score > FINAL_SCORE_MAX) return issue(field, '점수는 100점을 넘을 수 없습니다', 'a score cannot exceed 100');
  return undefined;
}

/** One typed score; blank means "not entered", never zero. */
export function parseFinalScore(text: string, field: string): { score: number | null; issue?: FieldIssue } {
  const t = text.trim();
  if (t === '') return { score: null };
  if (!/^\d{1,3}(?:\.\d{1,2})?$/.test(t)) return { score: null, issue: badNumber(field) };
  const score = Number(t);
  const problem = checkFinalScore(score, field);
  return problem ? { score: null, issue: problem } : { score };
}

/**
 * What entering these scores changes: each task whose score is new or different, with its score
 * before. Since a designation rests on the scores, entering any clears it.
 */
export function finalScoreChanges(
  current: ReadonlyMap<string, number | null>,
  entries: readonly ScoreEntry[],
): { changes: ScoreChange[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const changes: ScoreChange[] = [];
  entries.forEach((e, i) => {
    if (!current.has(e.task)) {
      issues.push(issue(`scores.${i}.taskId`, '이 최종 평가의 과제가 아닙니다', 'not a task of this final evaluation'));
      return;
    }
    const problem = checkFinalScore(e.score, `scores.${i}.score`);
    if (problem) issues.push(problem);
    else if (e.score !== current.get(e.task)) changes.push({ task: e.task, before: current.get(e.task) ?? null, after: e.score });
  });
  return { changes, issues };
}
