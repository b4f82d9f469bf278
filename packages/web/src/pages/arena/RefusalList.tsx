import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../api/types';
import { pick } from '../../format/time';

/**
 * Why the server refused an upload or a fetch, one message a row in the reader's language. The
 * server names each bad line by its number in the message itself, so the field path (`jsonl`) is
 * never shown: the office fixes its file from this list in one pass.
 */
export function RefusalList({ issues, error, testId }: { issues: FieldIssue[]; error: string | null; testId: string }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" title={t('arena.inputs.refused')} data-testid={testId}>
      {issues.length > 0 ? (
        <List size="sm">
          {issues.map((i, n) => (
            <List.Item key={n}>{pick(i.message, i18n.language)}</List.Item>
          ))}
        </List>
      ) : (
        error
      )}
    </Alert>
  );
}
