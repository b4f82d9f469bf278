import { Area, AreaChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GpuPoolCapacity } from '@stagegate/core/allocation/resources';
import { formatDate, pick } from '../../format/time';
import { chartColor, taskColors, type OccupancyStep } from './api';

/**
 * A pool's occupancy over one phase: stacked areas per task (a step function), the free share on
 * top so the full height is the pool's capacity, and the same steps as a table.
 */
export function PoolTimeline({ pool, capacity, steps, taskKeys }: { pool: GpuPoolCapacity; capacity: number; steps: OccupancyStep[]; taskKeys: string[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const keys = taskKeys.filter((k) => steps.some((s) => (s.byTask[k] ?? 0) > 0));
  const point = (day: string, s: OccupancyStep) => ({
    day,
    ...Object.fromEntries(keys.map((k) => [k, s.byTask[k] ?? 0])),
    free: Math.max(0, capacity - s.total),
  });
  const data = steps.length ? [...steps.map((s) => point(s.start, s)), point(steps[steps.length - 1]!.end, steps[steps.length - 1]!)] : [];
  const freeLabel = t('allocations.timeline.free');
  return (
    <Card withBorder padding="lg" data-testid={`pool-timeline-${pool.key}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('allocations.timeline.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('allocations.pool', {
              name: pick(pool.name, lang),
              model: pool.nodeType.gpuModel,
              gpus: pool.gpus,
              nodes: pool.nodes,
              perNode: pool.nodeType.gpusPerNode,
            })}
          </Text>
        </Group>
        {keys.length === 0 ? (
          <Text c="dimmed">{t('allocations.timeline.empty')}</Text>
        ) : (
          <div style={{ width: '100%', height: 280 }}>
            <ResponsiveContainer>
              <AreaChart data={data} margin={{ top: 16, right: 24, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-gray-3)" />
                <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(2)} fontSize={12} />
                <YAxis domain={[0, capacity]} fontSize={12} />
                <Tooltip />
                <Legend />
                {keys.map((k, i) => (
                  <Area
                    key={k}
                    type="stepAfter"
                    dataKey={k}
                    stackId="pool"
                    stroke={chartColor(taskColors[i % taskColors.length]!)}
                    fill={chartColor(taskColors[i % taskColors.length]!)}
                    fillOpacity={0.55}
                    isAnimationActive={false}
                  />
                ))}
                <Area
                  type="stepAfter"
                  dataKey="free"
                  name={freeLabel}
                  stackId="pool"
                  stroke={chartColor('gray.4')}
                  fill={chartColor('gray.2')}
                  fillOpacity={0.6}
                  isAnimationActive={false}
                />
                <ReferenceLine
                  y={capacity}
                  stroke={chartColor('red.6')}
                  strokeDasharray="4 4"
                  label={{ value: t('allocations.timeline.capacity', { gpus: capacity }), position: 'insideTopRight', fontSize: 12 }}
                />
              </AreaChart>
            </ResponsiveContainer>
          </div>
        )}
        <Table striped withTableBorder data-testid="occupancy-steps" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('allocations.timeline.period')}</Table.Th>
              {keys.map((k) => (
                <Table.Th key={k}>{k}</Table.Th>
              ))}
              <Table.Th>{t('allocations.timeline.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {steps.map((s) => (
              <Table.Tr key={s.start}>
                <Table.Td>
                  {formatDate(s.start, lang)} – {formatDate(s.end, lang)}
                </Table.Td>
                {keys.map((k) => (
                  <Table.Td key={k}>{s.byTask[k] ?? 0}</Table.Td>
                ))}
                <Table.Td>
                  <Group gap={6}>
                    <span>
                      {s.total} / {capacity}
                    </span>
                    {s.total === capacity && (
                      <Badge size="xs" color="red" variant="light">
                        100%
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
