import { Alert, Anchor, Badge, Button, Card, Code, Group, List, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import type { LocalizedText } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { formatDate, pick } from '../../format/time';
import { allocationsContract, formatHours, sendBy, useOverview, type Allocation, type Overview } from './api';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { AllocationEditor } from './AllocationEditor';
import { ChangeRequestsPanel } from './ChangeRequestsPanel';
import { PoolTimeline } from './PoolTimeline';
import { UsagePanel } from './UsagePanel';
import { SlurmSyncPanel } from './SlurmSyncPanel';
import { UsageImportPanel } from './UsageImportPanel';
import { useMutationCall } from '../../api/use-mutation-call';

const statusColor = { active: 'teal', blocked: 'red', eliminated: 'gray', completed: 'blue', underEvaluation: 'yellow' } as const;

type BlockPreview = Extract<ResponseOf<typeof allocationsContract.blockTask>, { status: 'preview' }>;

/** Block or unblock a task: the dialog shows the GPUs it holds today and the Slurm change before anything is done. */
function BlockButton({ task }: { task: Overview['tasks'][number] }) {
  const { t, i18n } = useTranslation();
  const m = useMutationCall();
  if (task.status !== 'active' && task.status !== 'blocked') return null;
  const blocking = task.status === 'active';
  const entry = blocking ? allocationsContract.blockTask : allocationsContract.unblockTask;
  return (
    <ConfirmWithPreview<BlockPreview>
      label={t(blocking ? 'allocations.table.block' : 'allocations.table.unblock')}
      title={t(blocking ? 'confirmActions.block.title' : 'confirmActions.block.unblockTitle', { task: task.key })}
      color={blocking ? 'red' : 'teal'}
      variant="subtle"
      testId={`block-${task.key}`}
      error={m.error}
      loadPreview={async () => {
        const p = await sendBy(m, entry, { params: { id: task.id }, body: { mode: 'preview' } });
        return p?.status === 'preview' ? p : null;
      }}
      renderPreview={(p) => (
        <List size="sm" spacing={4}>
          <List.Item>
            {t('confirmActions.block.status', {
              before: t(`allocations.taskStatus.${p.task.statusBefore}`),
              after: t(`allocations.taskStatus.${p.task.statusAfter}`),
            })}
          </List.Item>
          <List.Item data-testid="block-gpus">
            {t(blocking ? 'confirmActions.block.gpusToday' : 'confirmActions.block.gpusTodayUnblock', { gpus: p.gpusToday })}
          </List.Item>
          <List.Item>
            {t('confirmActions.block.slurm')}
            <Code block data-testid="block-slurm-plan">
              {(i18n.language === 'en' ? p.slurmPlan.en : p.slurmPlan.ko).join('\n')}
            </Code>
          </List.Item>
        </List>
      )}
      reason={{ label: t(blocking ? 'confirmActions.block.reason' : 'confirmActions.block.unblockReason'), minLength: 5 }}
      confirmLabel={t(blocking ? 'confirmActions.block.confirm' : 'confirmActions.block.confirmUnblock')}
      onConfirm={async (reason) => (await sendBy(m, entry, { params: { id: task.id }, body: { mode: 'commit', reason } })) !== null}
    />
  );
}

function PhaseView({ overview, phaseKey, operator }: { overview: Overview; phaseKey: string; operator: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [editing, setEditing] = useState<Allocation | null | 'new'>(null);
  const taskKeys = overview.tasks.map((x) => x.key);
  const inPhase = overview.allocations.filter((a) => a.phaseKey === phaseKey);
  return (
    <Stack>
      {overview.program.pools.map((pool) => {
        const line = overview.timeline.find((x) => x.poolKey === pool.key && x.phaseKey === phaseKey)!;
        return <PoolTimeline key={pool.key} pool={pool} capacity={line.capacity} steps={line.steps} taskKeys={taskKeys} />;
      })}
      <Card withBorder padding={0}>
        <Title order={4} p="md" pb={0}>
          {t('allocations.entitlement.title')}
        </Title>
        <Table striped verticalSpacing="sm" data-testid="entitlements">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('allocations.entitlement.task')}</Table.Th>
              <Table.Th>{t('allocations.entitlement.status')}</Table.Th>
              <Table.Th ta="right">{t('allocations.entitlement.peak')}</Table.Th>
              <Table.Th ta="right">{t('allocations.entitlement.gpuHours')}</Table.Th>
              <Table.Th>{t('allocations.entitlement.members')}</Table.Th>
              {operator && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {overview.tasks.map((task) => {
              const e = overview.entitlements.find((x) => x.taskId === task.id && x.phaseKey === phaseKey);
              return (
                <Table.Tr key={task.id} data-testid={`entitlement-${task.key}`}>
                  <Table.Td>
                    <Text fw={500}>{task.key}</Text>
                    <Text size="xs" c="dimmed">
                      {pick(task.name, lang)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[task.status]} variant="light">
                      {t(`allocations.taskStatus.${task.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{e?.peakGpus ?? 0}</Table.Td>
                  <Table.Td ta="right">{formatHours(e?.gpuHours ?? 0, lang)}</Table.Td>
                  <Table.Td>
                    <Text size="xs" translate="no">
                      {task.members.map((m) => m.clusterUsername).join(', ')}
                    </Text>
                    <Anchor component={Link} to={`/tasks/${task.id}/members`} size="xs" data-testid={`members-${task.key}`}>
                      {t('tasks.link')}
                    </Anchor>
                  </Table.Td>
                  {operator && (
                    <Table.Td>
                      <BlockButton task={task} />
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder padding={0}>
        <Group justify="space-between" p="md" pb={0}>
          <Title order={4}>{t('allocations.table.title')}</Title>
          {operator && (
            <Button size="xs" onClick={() => setEditing('new')}>
              {t('allocations.table.add')}
            </Button>
          )}
        </Group>
        <Table striped verticalSpacing="sm" data-testid="allocation-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('allocations.table.task')}</Table.Th>
              <Table.Th>{t('allocations.table.period')}</Table.Th>
              <Table.Th ta="right">{t('allocations.table.gpus')}</Table.Th>
              <Table.Th ta="right">{t('allocations.table.budget')}</Table.Th>
              {operator && <Table.Th>{t('allocations.table.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {inPhase.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.taskKey}</Table.Td>
                <Table.Td>
                  {formatDate(a.start, lang)} – {formatDate(a.end, lang)}
                </Table.Td>
                <Table.Td ta="right">{a.gpus}</Table.Td>
                <Table.Td ta="right">{a.gpuMinutes === null ? t('allocations.table.none') : a.gpuMinutes.toLocaleString()}</Table.Td>
                {operator && (
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => setEditing(a)}>
                      {t('allocations.table.edit')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {editing && <AllocationEditor overview={overview} phaseKey={phaseKey} allocation={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

export function AllocationsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: actor } = useSession();
  const [params, setParams] = useSearchParams();
  const programs = useQuery({
    queryKey: ['allocation-programs'],
    queryFn: () => api<{ programs: { slug: string; shortName: LocalizedText }[] }>('/api/v1/programs'),
  });
  const slug = params.get('program') ?? programs.data?.programs[0]?.slug ?? 'specialized-fm';
  const overview = useOverview(slug);
  const phases = overview.data?.program.phases ?? [];
  const today = overview.data?.today ?? '';
  const current = phases.find((p) => p.start <= today && p.end >= today) ?? phases.filter((p) => p.start <= today).at(-1) ?? phases[0];
  const phaseKey = params.get('phase') ?? current?.key ?? '';
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    if (k === 'program') next.delete('phase');
    setParams(next);
  };
  if (actor === null) return <Alert color="yellow">{t('allocations.signIn')}</Alert>;
  return (
    <Stack>
      <div>
        <Title order={2}>{t('allocations.title')}</Title>
        <Text c="dimmed">{t('allocations.intro')}</Text>
      </div>
      <Group justify="space-between">
        <SegmentedControl
          aria-label={t('allocations.program')}
          value={slug}
          onChange={(v) => set('program', v)}
          data={(programs.data?.programs ?? []).map((p) => ({ value: p.slug, label: pick(p.shortName, lang) }))}
        />
        {today && (
          <Text size="sm" c="dimmed">
            {t('allocations.today', { day: formatDate(today, lang) })}
          </Text>
        )}
      </Group>
      {phases.length > 0 && (
        <SegmentedControl
          aria-label={t('allocations.phase')}
          value={phaseKey}
          onChange={(v) => set('phase', v)}
          data={phases.map((p) => ({ value: p.key, label: `${pick(p.name, lang)} (${p.start.slice(2)} – ${p.end.slice(2)})` }))}
        />
      )}
      <QueryState isLoading={overview.isLoading} error={overview.error} />
      {overview.data && actor && phaseKey && (
        <>
          <PhaseView overview={overview.data} phaseKey={phaseKey} operator={actor.role === 'operator'} />
          {actor.role === 'operator' && <SlurmSyncPanel />}
          {actor.role === 'operator' && <UsageImportPanel />}
          {(actor.role === 'operator' || actor.role === 'applicant') && (
            <>
              <ChangeRequestsPanel overview={overview.data} actor={actor} />
              <UsagePanel slug={slug} phaseKey={phaseKey} actor={actor} />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
