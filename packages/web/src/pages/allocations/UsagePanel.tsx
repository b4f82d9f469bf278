import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Actor } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { formatHours, formatPercent, useProgramUsage } from './api';
import { UnderUseRun } from './UnderUseRun';

const levelColor = { 'too-early': 'gray', ok: 'teal', warn: 'yellow', reclaim: 'red' } as const;
const forecastColor = { 'not-started': 'gray', under: 'yellow', 'on-track': 'teal', over: 'red' } as const;

/** Per task in the phase: used against entitled, utilisation, forecast and the under-use verdict. */
export function UsagePanel({ slug, phaseKey, actor }: { slug: string; phaseKey: string; actor: Actor }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, isLoading, error } = useProgramUsage(slug, phaseKey, true);
  const [filed, setFiled] = useState<number | null>(null);
  const operator = actor.role === 'operator';
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('allocations.usage.title')}</Title>
        {operator && (
          <Group>
            <UnderUseRun slug={slug} onFiled={setFiled} />
            <Button component="a" href={`/api/v1/programs/${slug}/usage/export`} variant="light">
              {t('allocations.usage.export')}
            </Button>
          </Group>
        )}
      </Group>
      {filed !== null && (
        <Alert color="blue" data-testid="under-use-filed">
          {t('allocations.usage.evaluated', { count: filed })}
        </Alert>
      )}
      <QueryState isLoading={isLoading} error={error} />
      {data && (
        <Card withBorder padding={0}>
          <Text size="xs" c="dimmed" px="md" pt="sm">
            {t('allocations.usage.asOf', { at: formatInstant(data.asOf, lang) })}
          </Text>
          <Table striped verticalSpacing="sm" data-testid="usage-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('allocations.usage.task')}</Table.Th>
                <Table.Th ta="right">{t('allocations.usage.used')}</Table.Th>
                <Table.Th ta="right">{t('allocations.usage.entitled')}</Table.Th>
                <Table.Th ta="right">{t('allocations.usage.utilisation')}</Table.Th>
                <Table.Th>{t('allocations.usage.forecast')}</Table.Th>
                <Table.Th>{t('allocations.usage.underUse')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.tasks.map((r) => (
                <Table.Tr key={r.taskId}>
                  <Table.Td>
                    <Text fw={500}>{r.taskKey}</Text>
                    <Text size="xs" c="dimmed">
                      {pick(r.taskName, lang)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{formatHours(r.usedGpuHours, lang)}</Table.Td>
                  <Table.Td ta="right">{formatHours(r.entitledGpuHours, lang)}</Table.Td>
                  <Table.Td ta="right">{formatPercent(r.utilisation)}</Table.Td>
                  <Table.Td maw={300}>
                    <Badge color={forecastColor[r.forecastStatus]} variant="light">
                      {t(`allocations.forecastStatus.${r.forecastStatus}`)} · {formatPercent(r.projectedShare)}
                    </Badge>
                  </Table.Td>
                  <Table.Td maw={320}>
                    {r.underUseLevel && (
                      <Badge color={levelColor[r.underUseLevel]} variant="light" title={r.underUseMessage ? pick(r.underUseMessage, lang) : undefined}>
                        {t(`allocations.levels.${r.underUseLevel}`)}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/allocations/tasks/${r.taskId}/usage?phase=${phaseKey}`}>
                      {t('allocations.usage.chart')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.tasks.length === 0 && (
            <Text c="dimmed" p="md">
              {t('allocations.usage.empty')}
            </Text>
          )}
        </Card>
      )}
    </Stack>
  );
}
