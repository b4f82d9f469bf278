import { Badge, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { pick } from '../../format/time';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { ChangePreview } from './ChangePreview';
import { formatPercent, sendBy, usageContract as c } from './api';
import { useMutationCall } from '../../api/use-mutation-call';

type UnderUseRunAnswer = ResponseOf<typeof c.evaluateUnderUse>;

/**
 * Running the under-use policy files reclaim requests: the first click only asks the server which
 * tasks would lose how many GPUs from when; the requests are filed after a confirmation with the
 * operator's reason (and still wait for an approval before any GPU moves).
 */
export function UnderUseRun({ slug, onFiled }: { slug: string; onFiled: (count: number | null) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const m = useMutationCall();
  const qc = useQueryClient();
  const params = { slug };
  return (
    <ConfirmWithPreview<UnderUseRunAnswer>
      label={t('allocations.usage.evaluate')}
      title={t('confirmSteps.underUse.title')}
      variant="default"
      color="orange"
      testId="under-use-run"
      error={m.error}
      loadPreview={() => (onFiled(null), sendBy(m, c.evaluateUnderUse, { params, body: { mode: 'preview' } }))}
      renderPreview={(p) => {
        const proposals = p.results.filter((r) => r.reclaim || r.skipped);
        if (proposals.length === 0) return <Text data-testid="under-use-nothing">{t('confirmSteps.underUse.nothing')}</Text>;
        return (
          <Stack gap="xs">
            <Table fz="sm" data-testid="under-use-preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('allocations.usage.task')}</Table.Th>
                  <Table.Th ta="right">{t('allocations.usage.utilisation')}</Table.Th>
                  <Table.Th>{t('confirmSteps.underUse.loses')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {proposals.map((r) => (
                  <Table.Tr key={r.taskId}>
                    <Table.Td>{r.taskKey}</Table.Td>
                    <Table.Td ta="right">{formatPercent(r.utilisation)}</Table.Td>
                    <Table.Td>
                      {r.reclaim ? (
                        <Text size="sm">
                          {r.reclaim.request.removeGpus > 0 && t('confirmSteps.underUse.gpus', { gpus: r.reclaim.request.removeGpus })}
                          {r.reclaim.request.removeGpus > 0 && r.reclaim.request.removeGpuMinutes ? ' · ' : ''}
                          {r.reclaim.request.removeGpuMinutes
                            ? t('confirmSteps.underUse.gpuMinutes', { minutes: r.reclaim.request.removeGpuMinutes.toLocaleString(lang) })
                            : ''}
                          {' · '}
                          {r.reclaim.request.effectiveFrom
                            ? t('confirmSteps.underUse.from', { day: r.reclaim.request.effectiveFrom })
                            : t('confirmSteps.underUse.fromStart')}
                        </Text>
                      ) : (
                        <Badge color="gray" variant="light" title={pick(r.skipped ?? undefined, lang)}>
                          {t('confirmSteps.underUse.skipped')}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {proposals.some((r) => r.reclaim) && <ChangePreview changes={proposals.flatMap((r) => r.reclaim?.changes ?? [])} />}
            <Text size="sm" c="dimmed">
              {t('confirmSteps.underUse.approvalNeeded')}
            </Text>
          </Stack>
        );
      }}
      reason={{ label: t('confirmSteps.underUse.reason'), minLength: 5 }}
      confirmLabel={t('confirmSteps.underUse.confirm')}
      onConfirm={async (reason) => {
        const res = await sendBy(m, c.evaluateUnderUse, { params, body: { mode: 'commit', reason } });
        if (!res) return false;
        onFiled(res.results.filter((r) => r.changeRequestId).length);
        await qc.invalidateQueries({ queryKey: ['allocation-change-requests', slug] });
        return true;
      }}
    />
  );
}
