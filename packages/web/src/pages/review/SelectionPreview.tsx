import { Alert, Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '@stagegate/core/contract/route';
import type { RankingRow, reviewContract } from './api';

type Outcome = 'selected' | 'reserve' | 'rejected';
export type SelectionAnswer = ResponseOf<typeof reviewContract.selection>;

const outcomeColor = { selected: 'green', reserve: 'yellow', rejected: 'gray' } as const;

/** What saving the selection changes: each decision before → after with its reason, and the task slot each selected application fills. */
export function SelectionPreview({ preview, rows }: { preview: SelectionAnswer; rows: RankingRow[] }) {
  const { t } = useTranslation();
  const changes = preview.status === 'unchanged' ? [] : preview.changes;
  const tasks: { key: string; applicationId: string; reuse?: boolean }[] = preview.status === 'unchanged' ? [] : preview.tasks;
  const slotOf = new Map(tasks.map((x) => [x.applicationId, x]));
  const rowOf = new Map(rows.map((r) => [r.applicationId, r]));
  const outcome = (o: Outcome) => (
    <Badge size="sm" variant="light" color={outcomeColor[o]}>
      {t(`review.ranking.outcomes.${o}`)}
    </Badge>
  );
  return (
    <Stack gap="xs">
      <Alert color="blue" data-testid="selection-preview">
        {t('review.ranking.selectionPreview', {
          count: changes.length,
          tasks: preview.status === 'preview' ? preview.tasksToCreate : 0,
          keys: tasks.map((x) => x.key).join(', ') || t('review.common.none'),
        })}
      </Alert>
      <Table fz="sm" data-testid="selection-changes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('review.ranking.receiptNo')}</Table.Th>
            <Table.Th>{t('review.ranking.decision')}</Table.Th>
            <Table.Th>{t('review.common.reason')}</Table.Th>
            <Table.Th>{t('confirmSteps.selection.slot')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((c) => {
            const slot = slotOf.get(c.applicationId);
            const row = rowOf.get(c.applicationId);
            return (
              <Table.Tr key={c.applicationId} data-testid={`selection-change-${row?.receiptNo ?? c.label}`}>
                <Table.Td>
                  <Text size="sm">{row?.receiptNo ?? c.label}</Text>
                  <Text size="xs" c="dimmed">
                    {row?.title}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {c.before ? (
                    outcome(c.before.outcome)
                  ) : (
                    <Text span size="xs" c="dimmed">
                      {t('confirmSteps.selection.undecided')}
                    </Text>
                  )}{' '}
                  → {outcome(c.after.outcome)}
                </Table.Td>
                <Table.Td>{c.after.reason}</Table.Td>
                <Table.Td>{slot ? t(slot.reuse ? 'confirmSteps.selection.fills' : 'confirmSteps.selection.creates', { key: slot.key }) : '–'}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed">
        {t('confirmSteps.selection.note')}
      </Text>
    </Stack>
  );
}
