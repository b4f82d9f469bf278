import type { FieldIssue } from '../../api/types';
import { errorIssues } from '../../api/error-text';

/** The field issues an API error carries, or one issue under `field` (in both languages) for an error without them. */
export const issuesOf = (e: unknown, fallbackField = '(form)'): FieldIssue[] => errorIssues(e).map((i) => (i.field ? i : { ...i, field: fallbackField }));
