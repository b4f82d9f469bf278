import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorIssues } from '../../api/error-text';
import type { FieldIssue } from '../../api/types';
import { pick } from '../../format/time';
import { issueText } from '../../api/issue-text';

/** The field issues an API error carries (each names its field), or its message in both languages. */
export const issuesOf = (e: unknown): FieldIssue[] => errorIssues(e);

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
