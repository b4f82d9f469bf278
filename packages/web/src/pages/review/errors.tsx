import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../api/client';
import type { FieldIssue } from '../../api/types';
import { pick } from '../../format/time';
import { issueText } from '../../api/issue-text';

/** The field issues an API error carries (each names its field), or the error's own message. */
export function issuesOf(e: unknown): FieldIssue[] {
  if (e instanceof ApiRequestError) return e.issues.length ? e.issues : [{ field: e.field ?? '', message: { ko: e.message, en: e.message } }];
  const m = e instanceof Error ? e.message : String(e);
  return [{ field: '', message: { ko: m, en: m } }];
}

export function Issues({ error, testId }: { error: unknown; testId?: string }) {
  const { i18n } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" data-testid={testId ?? 'review-error'}>
      <List size="sm">
        {issuesOf(error).map((i, n) => (
          <List.Item key={n}>{issueText(i, i18n)}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The message for one field, to show under its input. */
export function fieldError(error: unknown, field: string, lang: string): string | undefined {
  if (!error) return undefined;
  const hit = issuesOf(error).find((i) => i.field === field);
  return hit ? pick(hit.message, lang) : undefined;
}
