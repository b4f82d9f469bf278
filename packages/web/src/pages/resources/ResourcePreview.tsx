import { Card, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ResourceResult } from './api';

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** What a commit would change, field by field, and the partitions' usage afterwards. */
export function ResourcePreview({ result }: { result: ResourceResult }) {
  const { t } = useTranslation();
  const changes = result.status === 'unchanged' ? [] : result.changes;
  const partitions = result.status === 'unchanged' ? [] : result.partitions;
  return (
    <Card withBorder padding="sm" data-testid="resource-preview">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('resources.editor.previewTitle')}
        </Text>
        <Table fz="sm" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('resources.editor.field')}</Table.Th>
              <Table.Th>{t('resources.editor.before')}</Table.Th>
              <Table.Th>{t('resources.editor.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((c) => (
              <Table.Tr key={c.field}>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {c.field}
                  </Text>
                </Table.Td>
                <Table.Td c="dimmed">{show(c.before)}</Table.Td>
                <Table.Td fw={500}>{show(c.after)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {partitions.length > 0 && (
          <>
            <Text fw={600} size="sm">
              {t('resources.editor.after_partitions')}
            </Text>
            {partitions.map((p) => (
              <Text size="sm" key={`${p.clusterKey}/${p.name}`} data-testid={`preview-partition-${p.name}`}>
                {p.clusterKey} / {p.name}: {t('resources.partition.usageValue', { used: p.usedNodes.toLocaleString(), total: p.nodes.toLocaleString() })}
              </Text>
            ))}
          </>
        )}
      </Stack>
    </Card>
  );
}
