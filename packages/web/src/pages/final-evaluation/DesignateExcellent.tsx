import { Alert, Badge, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call as callRoute } from '../../api/contract-client';
import type { LocalizedText } from '../../api/types';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { pick } from '../../format/time';
import { finalEvaluationsContract as c, type DesignationPreview } from './api';
import { errorText } from '../../api/error-text';

/**
 * Designating excellent tasks by the rule, which the office alone sees until it publishes them
 * (PublishResults): the first click asks the server who would be designated and what it opens.
 */
export function DesignateExcellent({ id, taskNames, onDone }: { id: string; taskNames: Map<string, LocalizedText>; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const call = async (mode: 'preview' | 'commit') => {
    setError(null);
    try {
      return await callRoute(c.designation, { params: { id }, body: { mode } });
    } catch (e) {
      setError(errorText(e, i18n));
      return null;
    }
  };
  return (
    <ConfirmWithPreview<DesignationPreview>
      label={t('finalEvaluation.designate')}
      title={t('confirmSteps.designate.title')}
      variant="filled"
      color="green"
      testId="designate-excellent"
      error={error}
      loadPreview={async () => {
        const p = await call('preview');
        return p?.status === 'preview' ? p : null;
      }}
      renderPreview={(p) => {
        const excellent = p.designations.filter((d) => d.excellent);
        return (
          <Stack gap="xs">
            <Text size="sm" data-testid="designate-summary">
              {t('confirmSteps.designate.summary', { n: excellent.length, total: p.designations.length })}
            </Text>
            <Table fz="sm" data-testid="designate-preview">
              <Table.Tbody>
                {[...p.designations]
                  .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))
                  .map((d) => (
                    <Table.Tr key={d.taskId}>
                      <Table.Td>{d.rank ?? '—'}</Table.Td>
                      <Table.Td>{taskNames.get(d.taskId) ? pick(taskNames.get(d.taskId), lang) : d.task}</Table.Td>
                      <Table.Td ta="right">{d.score ?? '—'}</Table.Td>
                      <Table.Td>
                        {d.excellent ? <Badge color="green">{t('finalEvaluation.yes')}</Badge> : <Badge color="gray">{t('finalEvaluation.no')}</Badge>}
                      </Table.Td>
                      <Table.Td>{pick(d.reason, lang)}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
            {excellent.length > 0 && (
              <Alert color="blue" data-testid="designate-gpus">
                {t('confirmSteps.designate.gpus', { gpus: p.limits.maxGpus ?? '—', from: p.limits.earliestStart ?? '—', to: p.limits.latestEnd ?? '—' })}
              </Alert>
            )}
            <Text size="sm" c="dimmed">
              {t('confirmSteps.designate.public')}
            </Text>
          </Stack>
        );
      }}
      confirmLabel={t('confirmSteps.designate.confirm')}
      onConfirm={async () => {
        if (!(await call('commit'))) return false;
        await qc.invalidateQueries();
        onDone(t('finalEvaluation.designated'));
        return true;
      }}
    />
  );
}
