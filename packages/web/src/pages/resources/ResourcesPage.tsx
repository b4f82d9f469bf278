import { Alert, Badge, Button, Card, Group, List, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { pick } from '../../format/time';
import { useResources, type ClusterView, type PartitionView, type PoolView, type ResourcesOverview } from './api';
import { BindingEditor, ClusterEditor, NodeTypeEditor, PartitionEditor } from './ResourceEditors';

type Editing =
  | { kind: 'node-type' }
  | { kind: 'cluster'; cluster: ClusterView | null }
  | { kind: 'partition'; cluster: ClusterView; partition: PartitionView | null }
  | { kind: 'binding'; pool: PoolView }
  | null;

const n = (x: number, lang: string) => x.toLocaleString(lang === 'en' ? 'en-US' : 'ko-KR');

function UsageBar({ used, total }: { used: number; total: number }) {
  const share = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  return <Progress value={share} color={used > total ? 'red' : share >= 100 ? 'teal' : 'blue'} size="md" w={120} aria-hidden />;
}

function ClusterCard({ cluster, operator, onEdit }: { cluster: ClusterView; operator: boolean; onEdit: (e: Editing) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const nodes = cluster.partitions.reduce((s, p) => s + p.nodes, 0);
  const gpus = cluster.partitions.reduce((s, p) => s + p.capacityGpus, 0);
  return (
    <Card withBorder padding="md" data-testid={`cluster-${cluster.key}`}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3}>{pick(cluster.name, lang)}</Title>
          <Text size="sm" c="dimmed">
            {pick(cluster.site, lang)} · {t('resources.cluster.slurm', { name: cluster.slurmClusterName })}
          </Text>
          <Text size="sm">{t('resources.cluster.summary', { partitions: cluster.partitions.length, nodes: n(nodes, lang), gpus: n(gpus, lang) })}</Text>
          {cluster.notes && (
            <Text size="xs" c="dimmed">
              {cluster.notes}
            </Text>
          )}
        </div>
        {operator && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => onEdit({ kind: 'cluster', cluster })}>
              {t('resources.cluster.edit')}
            </Button>
            <Button size="xs" onClick={() => onEdit({ kind: 'partition', cluster, partition: null })}>
              {t('resources.partition.add')}
            </Button>
          </Group>
        )}
      </Group>
      <Table mt="md" striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('resources.partition.name')}</Table.Th>
            <Table.Th>{t('resources.partition.nodeType')}</Table.Th>
            <Table.Th>{t('resources.partition.nodeGroups')}</Table.Th>
            <Table.Th ta="right">{t('resources.partition.nodes')}</Table.Th>
            <Table.Th ta="right">{t('resources.partition.gpus')}</Table.Th>
            <Table.Th>{t('resources.partition.pools')}</Table.Th>
            <Table.Th>{t('resources.partition.usage')}</Table.Th>
            {operator && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cluster.partitions.map((p) => (
            <Table.Tr key={p.name} data-testid={`partition-${p.name}`}>
              <Table.Td>
                <Text ff="monospace" fw={600}>
                  {p.name}
                </Text>
              </Table.Td>
              <Table.Td data-testid="partition-node-type">
                {p.nodeType ? t('resources.nodeTypes.shape', { model: p.nodeType.gpuModel, perNode: p.nodeType.gpusPerNode }) : p.nodeTypeKey}
              </Table.Td>
              <Table.Td>
                {p.nodeGroups.map((g) => (
                  <Text key={g.label} size="xs" ff="monospace">
                    {g.label}: {n(g.nodes, lang)}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td ta="right" data-testid="partition-nodes">
                {n(p.nodes, lang)}
              </Table.Td>
              <Table.Td ta="right">{n(p.capacityGpus, lang)}</Table.Td>
              <Table.Td>
                {p.pools.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('resources.partition.none')}
                  </Text>
                ) : (
                  <Stack gap={2}>
                    {p.pools.map((x) => (
                      <Group key={`${x.programSlug}/${x.poolKey}`} gap={6} data-testid={`partition-pool-${x.programSlug}`}>
                        <Badge variant="light">{x.programShortName ? pick(x.programShortName, lang) : x.programSlug}</Badge>
                        <Text size="sm">{t('resources.partition.poolNodes', { nodes: n(x.nodes, lang), gpus: n(x.gpus, lang) })}</Text>
                      </Group>
                    ))}
                  </Stack>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <UsageBar used={p.usedNodes} total={p.nodes} />
                  <Text size="sm" data-testid="partition-usage">
                    {t('resources.partition.usageValue', { used: n(p.usedNodes, lang), total: n(p.nodes, lang) })}
                  </Text>
                </Group>
              </Table.Td>
              {operator && (
                <Table.Td>
                  <Button size="xs" variant="subtle" onClick={() => onEdit({ kind: 'partition', cluster, partition: p })}>
                    {t('resources.partition.edit')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function PoolsCard({ overview, operator, onEdit }: { overview: ResourcesOverview; operator: boolean; onEdit: (e: Editing) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const clusterName = (key: string) => overview.clusters.find((c) => c.key === key);
  return (
    <Card withBorder padding={0}>
      <Title order={4} p="md" pb={0}>
        {t('resources.pools.title')}
      </Title>
      <Table striped verticalSpacing="sm" data-testid="pool-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('resources.pools.program')}</Table.Th>
            <Table.Th>{t('resources.pools.pool')}</Table.Th>
            <Table.Th ta="right">{t('resources.pools.gpus')}</Table.Th>
            <Table.Th ta="right">{t('resources.pools.nodes')}</Table.Th>
            <Table.Th>{t('resources.pools.placement')}</Table.Th>
            {operator && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {overview.pools.map((p) => {
            const c = p.placement ? clusterName(p.placement.clusterKey) : undefined;
            return (
              <Table.Tr key={`${p.programSlug}/${p.poolKey}`} data-testid={`pool-${p.programSlug}-${p.poolKey}`}>
                <Table.Td>{p.programShortName ? pick(p.programShortName, lang) : p.programSlug}</Table.Td>
                <Table.Td>
                  <Text size="sm">{pick(p.name, lang)}</Text>
                  <Text size="xs" c="dimmed">
                    {p.gpuModel} · {p.poolKey}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{n(p.gpus, lang)}</Table.Td>
                <Table.Td ta="right">
                  {n(p.nodes, lang)} × {p.gpusPerNode}
                </Table.Td>
                <Table.Td>
                  {p.placement ? (
                    <Text size="sm">
                      {c ? pick(c.name, lang) : p.placement.clusterKey} /{' '}
                      <Text span ff="monospace">
                        {p.placement.partitionName}
                      </Text>
                    </Text>
                  ) : (
                    <Badge color="yellow" variant="light">
                      {t('resources.pools.unplaced')}
                    </Badge>
                  )}
                </Table.Td>
                {operator && (
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => onEdit({ kind: 'binding', pool: p })}>
                      {t('resources.pools.bind')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function NodeTypesCard({ overview, operator, onEdit }: { overview: ResourcesOverview; operator: boolean; onEdit: (e: Editing) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Card withBorder padding={0}>
      <Group justify="space-between" p="md" pb={0}>
        <Title order={4}>{t('resources.nodeTypes.title')}</Title>
        {operator && (
          <Button size="xs" variant="default" onClick={() => onEdit({ kind: 'node-type' })}>
            {t('resources.nodeTypes.add')}
          </Button>
        )}
      </Group>
      <Table striped verticalSpacing="sm" data-testid="node-type-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('resources.nodeTypes.key')}</Table.Th>
            <Table.Th>{t('resources.nodeTypes.gpuModel')}</Table.Th>
            <Table.Th ta="right">{t('resources.nodeTypes.gpusPerNode')}</Table.Th>
            <Table.Th ta="right">{t('resources.nodeTypes.cpusPerNode')}</Table.Th>
            <Table.Th ta="right">{t('resources.nodeTypes.memoryGb')}</Table.Th>
            <Table.Th ta="right">{t('resources.nodeTypes.nodes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {overview.nodeTypes.map((x) => (
            <Table.Tr key={x.key}>
              <Table.Td ff="monospace">{x.key}</Table.Td>
              <Table.Td>{x.gpuModel}</Table.Td>
              <Table.Td ta="right">{x.gpusPerNode}</Table.Td>
              <Table.Td ta="right">{x.cpusPerNode ?? '—'}</Table.Td>
              <Table.Td ta="right">{x.memoryGb === null ? '—' : n(x.memoryGb, lang)}</Table.Td>
              <Table.Td ta="right">{n(x.nodes, lang)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function ResourcesPage() {
  const { t, i18n } = useTranslation();
  const { data: actor } = useSession();
  const overview = useResources();
  const [editing, setEditing] = useState<Editing>(null);
  if (actor === null) return <Alert color="yellow">{t('resources.signIn')}</Alert>;
  const operator = actor?.role === 'operator';
  const data = overview.data;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('resources.title')}</Title>
          <Text c="dimmed" maw={820}>
            {t('resources.intro')}
          </Text>
        </div>
        {operator && <Button onClick={() => setEditing({ kind: 'cluster', cluster: null })}>{t('resources.cluster.add')}</Button>}
      </Group>
      <QueryState isLoading={overview.isLoading} error={overview.error} />
      {data && (
        <>
          {data.problems.length > 0 && (
            <Alert color="red" title={t('resources.problems')} data-testid="resource-problems">
              <List size="sm">
                {data.problems.map((p) => (
                  <List.Item key={p.field + p.message.en}>{pick(p.message, i18n.language)}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {data.unbound.length > 0 && <Alert color="yellow">{t('resources.unbound', { pools: data.unbound.join(', ') })}</Alert>}
          {data.clusters.length === 0 && <Text c="dimmed">{t('resources.empty')}</Text>}
          {data.clusters.map((c) => (
            <ClusterCard key={c.key} cluster={c} operator={operator} onEdit={setEditing} />
          ))}
          <PoolsCard overview={data} operator={operator} onEdit={setEditing} />
          <NodeTypesCard overview={data} operator={operator} onEdit={setEditing} />
          {editing?.kind === 'node-type' && <NodeTypeEditor onClose={() => setEditing(null)} />}
          {editing?.kind === 'cluster' && <ClusterEditor cluster={editing.cluster} onClose={() => setEditing(null)} />}
          {editing?.kind === 'partition' && (
            <PartitionEditor cluster={editing.cluster} partition={editing.partition} nodeTypes={data.nodeTypes} onClose={() => setEditing(null)} />
          )}
          {editing?.kind === 'binding' && <BindingEditor pool={editing.pool} overview={data} onClose={() => setEditing(null)} />}
        </>
      )}
    </Stack>
  );
}
