import { Alert, Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { selectionResultsContract } from '@stagegate/core/contract/selection-results';
import { call } from '../../api/contract-client';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';

/** The public record of each published selection: who was selected (and the reserve), nobody else. */
export function SelectionResultsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, isLoading, error } = useQuery({ queryKey: ['public-selection-results'], queryFn: () => call(selectionResultsContract.published) });
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('publicResults.title')}</Title>
      <Text c="dimmed">{t('publicResults.intro')}</Text>
      {data.results.length === 0 && <Alert color="gray">{t('publicResults.none')}</Alert>}
      {data.results.map((r) => (
        <Card key={`${r.program}/${r.call}`} withBorder padding="lg" data-testid={`selection-result-${r.program}-${r.call}`}>
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {pick(r.programName, lang)}
            </Text>
            <Title order={3}>{pick(r.callName, lang)}</Title>
            <Text size="sm">{t('publicResults.published', { at: formatInstant(r.publishedAt, lang), count: r.applications })}</Text>
            {r.noSelection && <Alert color="gray">{pick(r.noSelection.label, lang)}</Alert>}
            {r.selected.length > 0 && (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('publicResults.col.outcome')}</Table.Th>
                    <Table.Th>{t('publicResults.col.receipt')}</Table.Th>
                    <Table.Th>{t('publicResults.col.title')}</Table.Th>
                    <Table.Th>{t('publicResults.col.lead')}</Table.Th>
                    {r.scoresPublished && <Table.Th>{t('publicResults.col.rank')}</Table.Th>}
                    {r.scoresPublished && <Table.Th>{t('publicResults.col.score')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.selected.map((s) => (
                    <Table.Tr key={s.receiptNo ?? s.title}>
                      <Table.Td>
                        <Badge color={s.outcome === 'selected' ? 'teal' : 'yellow'}>{pick(s.outcomeLabel, lang)}</Badge>
                      </Table.Td>
                      <Table.Td>{s.receiptNo ?? t('publicResults.noReceipt')}</Table.Td>
                      <Table.Td>{s.title}</Table.Td>
                      <Table.Td>{s.lead}</Table.Td>
                      {r.scoresPublished && <Table.Td>{s.rank ?? t('publicResults.noRank')}</Table.Td>}
                      {r.scoresPublished && <Table.Td>{s.score === null ? t('publicResults.noScore') : s.score.toFixed(2)}</Table.Td>}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Text size="xs" c="dimmed">
              {t('publicResults.othersNotNamed')}
            </Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
