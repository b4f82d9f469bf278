import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePrograms } from '../api/programs';
import { QueryState } from '../components/QueryState';
import { PhaseTimeline } from '../components/PhaseTimeline';
import { formatDate, pick } from '../format/time';

export function HomePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, isLoading, error } = usePrograms();
  return (
    <Stack>
      <Title order={2}>{t('home.title')}</Title>
      <Text c="dimmed">{t('home.intro')}</Text>
      <QueryState isLoading={isLoading} error={error} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {data?.map((p) => (
          <Card key={p.slug} withBorder padding="lg" data-testid={`program-${p.slug}`}>
            <Stack gap="sm">
              <Group justify="space-between" align="flex-start">
                <Title order={3}>{pick(p.name, lang)}</Title>
                <Group gap={4}>
                  {p.supportTypes.map((s) => (
                    <Badge key={s}>{t(`support.${s}`)}</Badge>
                  ))}
                </Group>
              </Group>
              <Text size="sm">{pick(p.description, lang)}</Text>
              <Text size="sm" fw={600}>
                {t('home.tasks', { count: p.taskCount })}
              </Text>
              {p.gpuPools.map((pool) => (
                <Text key={pool.key} size="sm" data-testid="gpu-pool">
                  {t('home.pool')}: {t('home.gpus', { model: pool.gpuModel, count: pool.gpuCount })} ·{' '}
                  {t('home.nodes', { nodes: pool.gpuCount / pool.gpusPerNode, perNode: pool.gpusPerNode })}
                </Text>
              ))}
              <PhaseTimeline phases={p.phases} />
              <Table fz="sm" withRowBorders={false}>
                <Table.Tbody>
                  {p.phases.map((ph) => (
                    <Table.Tr key={ph.key} data-testid={`phase-${ph.key}`}>
                      <Table.Td>{pick(ph.name, lang)}</Table.Td>
                      <Table.Td>
                        {formatDate(ph.start, lang)} – {formatDate(ph.end, lang)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Button component={Link} to={`/programs/${p.slug}`} variant="light">
                {t('home.open')}
              </Button>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
