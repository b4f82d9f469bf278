import type { FieldIssue, LocalizedText } from '../shared/localized.ts';

/**
 * A final evaluation's results go public in an explicit step of the office (issue 15): scores
 * entered (open), excellent tasks designated by the rule (designated, the office alone sees it),
 * then published — the teams are told and the signed results bundle becomes public record.
 */
export type FinalEvaluationStatus = 'open' | 'designated' | 'published';

const issue = (field: string, ko: string, en: string): FieldIssue => ({ field, message: { ko, en } });

/** Why the results cannot be published now, or nothing when they can. */
export function publicationIssues(status: FinalEvaluationStatus): FieldIssue[] {
  if (status === 'open') return [issue('status', '우수 과제를 먼저 지정해야 공개할 수 있습니다', 'designate the excellent tasks before publishing')];
  if (status === 'published') return [issue('status', '이미 공개된 결과입니다', 'the results are published already')];
  return [];
}

/** Why the designation cannot be (re)made now: once published, a change starts from corrected scores. */
export function designationIssues(status: FinalEvaluationStatus): FieldIssue[] {
  return status === 'published'
    ? [issue('status', '공개된 결과입니다. 점수를 고친 뒤 다시 지정하세요', 'the results are published; correct the scores first, then designate again')]
    : [];
}

/** Whether a reader sees scores, ranks and designations: the office always, a team once published. */
export function resultsVisible(status: FinalEvaluationStatus, office: boolean): boolean {
  return office || status === 'published';
}

/** The status as a reader is allowed to know it: before publication a team reads "open". */
export function statusFor(status: FinalEvaluationStatus, office: boolean): FinalEvaluationStatus {
  return resultsVisible(status, office) ? status : 'open';
}

export interface TaskResult {
  taskId: string;
  taskKey: string;
  taskName: LocalizedText;
  score: number | null;
  rank: number | null;
  excellent: boolean | null;
  reason: LocalizedText | null;
}

/** What publication makes public, in rank order (unranked last, then by task key). */
export function publishedResults(rows: readonly TaskResult[]): TaskResult[] {
  return [...rows].sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.taskKey.localeCompare(b.taskKey));
}

/** The fields a reader may see of one task's result: masked (null) until it is visible to them. */
export function maskResult<T extends { score: number | null; rank: number | null; excellent: boolean | null; designationReason: LocalizedText | null }>(
  row: T,
  visible: boolean,
): T {
  return visible ? row : { ...row, score: null, rank: null, excellent: null, designationReason: null };
}
