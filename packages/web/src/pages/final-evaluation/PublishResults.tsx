import { Alert, Badge, List, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/contract-client';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { formatInstant, pick } from '../../format/time';
import { finalEvaluationsContract as c, type PublicationPreview } from './api';
import { errorText } from '../../api/error-text';

/**
 * Publishing is its own step after designation (issue 15): the first click asks the server what
 * becomes public (each task's score, rank and designation, and the signed results bundle) and who is
 * mailed; only a ticked confirmation publishes. Until then the teams see no score.
 */
export function PublishResults({ id, onDone }: { id: string; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const send = async (mode: 'preview' | 'commit') => {
    setError(null);
    try {
      return await call(c.publish, { params: { id }, body: { mode } });
    } catch (e) {
      setError(errorText(e, i18n));
      return null;
    }
  };
  return (
    <ConfirmWithPreview<PublicationPreview>
      label={t('finalEvaluationPublish.publish')}
      title={t('finalEvaluationPublish.dialogTitle')}
      variant="filled"
      color="teal"
      testId="publish-final"
      error={error}
      loadPreview={async () => {
        const p = await send('preview');
        return p?.status === 'preview' ? p : null;
      }}
      renderPreview={(p) => {
        const people = p.recipients.reduce((n, r) => n + r.people.length, 0);
        return (
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t('finalEvaluationPublish.whatBecomesPublic')}
            </Text>
            <Table fz="sm" data-testid="publish-results">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('finalEvaluationPublish.rank')}</Table.Th>
                  <Table.Th>{t('finalEvaluation.task')}</Table.Th>
                  <Table.Th ta="right">{t('finalEvaluation.score')}</Table.Th>
                  <Table.Th>{t('finalEvaluation.excellent')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.results.map((r) => (
                  <Table.Tr key={r.taskId}>
                    <Table.Td>{r.rank ?? '—'}</Table.Td>
                    <Table.Td>{pick(r.taskName, lang)}</Table.Td>
                    <Table.Td ta="right">{r.score ?? '—'}</Table.Td>
                    <Table.Td>
                      {r.excellent ? <Badge color="green">{t('finalEvaluation.yes')}</Badge> : <Badge color="gray">{t('finalEvaluation.no')}</Badge>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="sm" c="dimmed">
              {t('finalEvaluationPublish.bundle')}
            </Text>
            <Text size="sm" fw={600} data-testid="publish-recipients-count">
              {t('finalEvaluationPublish.mailedTo', { count: people })}
            </Text>
            <List size="sm" data-testid="publish-recipients">
              {p.recipients.map((r) => {
                const name = p.results.find((x) => x.taskId === r.taskId)?.taskName;
                return (
                  <List.Item key={r.taskId}>
                    {name ? pick(name, lang) : r.taskKey}:{' '}
                    {r.people.length ? r.people.map((x) => `${x.name} <${x.email}>`).join(', ') : t('finalEvaluationPublish.noAccounts')}
                  </List.Item>
                );
              })}
            </List>
            <Alert color="yellow">{t('finalEvaluationPublish.irreversible')}</Alert>
          </Stack>
        );
      }}
      confirmLabel={t('finalEvaluationPublish.confirm')}
      onConfirm={async () => {
        const done = await send('commit');
        if (!done || done.status !== 'committed') return false;
        await qc.invalidateQueries();
        onDone(t('finalEvaluationPublish.done', { at: formatInstant(done.publishedAt, lang) }));
        return true;
      }}
    />
  );
}
