import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { formatDate, pick } from '../../format/time';
import { useOpenness, type TaskOpenness } from './api';

/** For the office: each task's declared openness tier and own share against what it released, flagged when below. */
export function OpennessFlags() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const won = (n: number) => t('openSource.openness.won', { won: n.toLocaleString(lang === 'en' ? 'en-US' : 'ko-KR') });
  const { data, isLoading, error } = useOpenness();
  const released = (r: TaskOpenness['releases'][number]) =>
    [
      r.weights && t('openSource.openness.weights'),
      r.code && t('openSource.openness.code'),
      r.data && t('openSource.openness.data'),
      r.osiLicence && t('openSource.openness.osi'),
    ]
      .filter(Boolean)
      .join(', ');
  return (
    <Card withBorder data-testid="openness-flags">
      <Stack gap="xs">
        <Title order={4}>{t('openSource.openness.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('openSource.openness.intro', { n: data?.flagged ?? 0 })}
        </Text>
        <QueryState isLoading={isLoading} error={error} />
        {data && data.tasks.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('openSource.task')}</Table.Th>
                <Table.Th>{t('openSource.openness.declared')}</Table.Th>
                <Table.Th>{t('openSource.openness.share')}</Table.Th>
                <Table.Th>{t('openSource.openness.released')}</Table.Th>
                <Table.Th>{t('openSource.openness.flag')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.tasks.map((x) => (
                <Table.Tr key={`${x.program}-${x.taskKey}`} data-testid={`openness-${x.taskKey}`}>
                  <Table.Td>
                    {pick(x.taskName, lang)}
                    <Text size="xs" c="dimmed">
                      {pick(x.programName, lang)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{pick(x.declaration.tierName, lang)}</Table.Td>
                  <Table.Td>
                    {won(x.declaration.teamShareWon)}
                    <Text size="xs" c="dimmed">
                      {t('openSource.openness.ofBudget', { budget: won(x.declaration.budgetWon) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {x.releases.length === 0
                      ? t('openSource.openness.noRelease')
                      : x.releases.map((r) => (
                          <Text size="sm" key={r.modelName}>
                            {r.modelName} ({formatDate(r.releasedOn, lang)}): {released(r) || t('openSource.openness.nothing')}
                          </Text>
                        ))}
                  </Table.Td>
                  <Table.Td>
                    {x.flag ? (
                      <>
                        <Badge color="red">{t('openSource.openness.below', { won: won(x.flag.differenceWon) })}</Badge>
                        <Text size="xs">{pick(x.flag.message, lang)}</Text>
                      </>
                    ) : (
                      <Badge color="gray">{t('openSource.openness.ok')}</Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
