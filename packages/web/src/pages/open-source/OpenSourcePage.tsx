import { Alert, Anchor, Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { formatDate, pick } from '../../format/time';
import { useSession } from '../../api/session';
import { OpennessFlags } from './OpennessFlags';
import { useReleases } from './api';

const verdictColor = { pass: 'green', fail: 'red', notRequired: 'gray', invalid: 'orange' } as const;

/** The public registry of the tasks' open-source releases, each with its licence checked. */
export function OpenSourcePage() {
  const { t, i18n } = useTranslation();
  const { data: actor } = useSession();
  const { data, isLoading, error } = useReleases();
  return (
    <Stack>
      <Title order={2}>{t('openSource.title')}</Title>
      <Text c="dimmed">{t('openSource.intro')}</Text>
      <QueryState isLoading={isLoading} error={error} />
      {data?.releases.length === 0 && <Alert>{t('openSource.none')}</Alert>}
      {data && data.releases.length > 0 && (
        <Card withBorder>
          <Table striped data-testid="releases">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('openSource.program')}</Table.Th>
                <Table.Th>{t('openSource.task')}</Table.Th>
                <Table.Th>{t('openSource.model')}</Table.Th>
                <Table.Th>{t('openSource.licence')}</Table.Th>
                <Table.Th>{t('openSource.releasedOn')}</Table.Th>
                <Table.Th>{t('openSource.check')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.releases.map((r) => (
                <Table.Tr key={r.id} data-testid={`release-${r.modelName}`}>
                  <Table.Td>{r.programName ? pick(r.programName, i18n.language) : r.program}</Table.Td>
                  <Table.Td>{pick(r.taskName, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Anchor href={r.url} target="_blank" rel="noreferrer">
                      {r.modelName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <code>{r.licence}</code>
                  </Table.Td>
                  <Table.Td>{formatDate(r.releasedOn, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Badge color={verdictColor[r.check.verdict]}>{t(`openSource.verdict.${r.check.verdict}`)}</Badge>
                    <Text size="xs" c="dimmed">
                      {pick(r.check.message, i18n.language)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {actor?.role === 'operator' && <OpennessFlags />}
      <Text size="xs" c="dimmed">
        {t('openSource.note')}
      </Text>
    </Stack>
  );
}
