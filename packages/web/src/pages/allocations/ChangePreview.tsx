import { Badge, Card, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AllocationChange } from './api';

const period = (a: { start: string; end: string } | null) => (a ? `${a.start} – ${a.end}` : '');

/** What a commit would do, allocation by allocation: before → after. */
export function ChangePreview({ changes }: { changes: AllocationChange[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" data-testid="allocation-preview">
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {t('allocations.preview.title')}
        </Text>
        <Table fz="sm">
          <Table.Tbody>
            {changes.map((c) => (
              <Table.Tr key={c.allocationId}>
                <Table.Td>
                  <Badge size="sm" variant="light" color={c.kind === 'created' ? 'teal' : c.kind === 'removed' ? 'red' : 'blue'}>
                    {t(`allocations.preview.${c.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{c.taskKey}</Table.Td>
                <Table.Td>
                  {c.before && (
                    <Text span size="sm" c="dimmed">
                      {period(c.before)} · {c.before.gpus} GPU{c.before.gpuMinutes !== null ? ` · ${c.before.gpuMinutes} GPU-min` : ''}
                    </Text>
                  )}
                  {c.before && c.after && ' → '}
                  {c.after && (
                    <Text span size="sm" fw={500}>
                      {period(c.after)} · {c.after.gpus} GPU{c.after.gpuMinutes !== null ? ` · ${c.after.gpuMinutes} GPU-min` : ''}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
