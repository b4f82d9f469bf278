import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Alert, Anchor, Badge, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatInstant, pick } from '../../format/time';
import { chartColor, formatHours, formatPercent, useTaskUsage } from './api';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Card>
  );
}

/** One task's use over a phase against its entitlement, with the forecast to the phase end. */
export function TaskUsagePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { taskId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { data, isLoading, error } = useTaskUsage(taskId, params.get('phase') ?? undefined);
  const hours = (h: number) => t('allocations.taskUsage.gpuHours', { value: formatHours(h, lang) });
  return (
    <Stack>
      <Anchor component={Link} to={`/allocations${data ? `?program=${data.task.programSlug}&phase=${data.phase.key}` : ''}`} size="sm">
        ← {t('allocations.taskUsage.back')}
      </Anchor>
      <QueryState isLoading={isLoading} error={error} />
      {data && (
        <>
          <Group justify="space-between">
            <div>
              <Title order={2}>{t('allocations.taskUsage.title', { task: data.task.key })}</Title>
              <Text c="dimmed">{pick(data.task.name, lang)}</Text>
            </div>
            <SegmentedControl
              value={data.phase.key}
              onChange={(v) => setParams({ phase: v })}
              data={data.phases.map((p) => ({ value: p.key, label: pick(p.name, lang) }))}
            />
          </Group>
          <Text size="sm" c="dimmed">
            {formatDate(data.phase.start, lang)} – {formatDate(data.phase.end, lang)} · {t('allocations.usage.asOf', { at: formatInstant(data.asOf, lang) })}
          </Text>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Figure testId="usage-used" label={t('allocations.taskUsage.usedCard')} value={hours(data.usedGpuHours)} />
            <Figure testId="usage-entitled" label={t('allocations.taskUsage.entitledCard')} value={hours(data.entitledGpuHours)} />
            <Figure testId="usage-utilisation" label={t('allocations.taskUsage.utilisationCard')} value={formatPercent(data.forecast.utilisation)} />
            <Figure
              testId="usage-projected"
              label={t('allocations.taskUsage.projectedCard')}
              value={`${hours(data.forecast.projectedGpuSeconds / 3600)} (${formatPercent(data.forecast.projectedShare)})`}
            />
          </SimpleGrid>
          <Alert color={data.forecast.status === 'on-track' ? 'teal' : data.forecast.status === 'not-started' ? 'gray' : 'yellow'} data-testid="usage-forecast">
            <Group gap="xs">
              <Badge variant="light">{t(`allocations.forecastStatus.${data.forecast.status}`)}</Badge>
              <span>{pick(data.forecast.message, lang)}</span>
            </Group>
          </Alert>
          <Card withBorder padding="lg" data-testid="task-usage-chart">
            <div style={{ width: '100%', height: 340 }}>
              <ResponsiveContainer>
                <LineChart data={data.series} margin={{ top: 8, right: 24, bottom: 0, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-gray-3)" />
                  <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={12} />
                  <YAxis fontSize={12} tickFormatter={(v: number) => v.toLocaleString(lang === 'en' ? 'en-US' : 'ko-KR')} />
                  <Tooltip formatter={(v) => (typeof v === 'number' ? hours(v) : String(v))} />
                  <Legend />
                  <Line
                    type="monotone"
                    dataKey="used"
                    name={t('allocations.taskUsage.used')}
                    stroke={chartColor('indigo.6')}
                    strokeWidth={2}
                    dot={false}
                    isAnimationActive={false}
                  />
                  <Line
                    type="monotone"
                    dataKey="entitled"
                    name={t('allocations.taskUsage.entitled')}
                    stroke={chartColor('gray.6')}
                    strokeDasharray="6 4"
                    dot={false}
                    isAnimationActive={false}
                  />
                  <Line
                    type="monotone"
                    dataKey="forecast"
                    name={t('allocations.taskUsage.forecast')}
                    stroke={chartColor('orange.6')}
                    strokeDasharray="2 3"
                    dot={false}
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </Card>
        </>
      )}
    </Stack>
  );
}
