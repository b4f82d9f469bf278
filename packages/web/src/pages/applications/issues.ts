import type { FieldIssue } from '../../api/types';
import { ApiRequestError } from '../../api/client';

/** The field issues an API error carries, or one issue under `field` for an error without them. */
export function issuesOf(e: unknown, fallbackField = '(form)'): FieldIssue[] {
  if (e instanceof ApiRequestError) {
    if (e.issues.length) return e.issues;
    return [{ field: e.field ?? fallbackField, message: { ko: e.message, en: e.message } }];
  }
  const m = e instanceof Error ? e.message : String(e);
  return [{ field: fallbackField, message: { ko: m, en: m } }];
}
