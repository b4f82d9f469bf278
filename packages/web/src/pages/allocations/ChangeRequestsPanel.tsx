import { Alert, Badge, Button, Card, Group, NumberInput, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../../api/types';
import { formatInstant, pick } from '../../format/time';
import { allocationsContract as c, sendBy, useChangeRequests, type AllocationChange, type ChangeRequest, type ChangeRequestRow, type Overview } from './api';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { ChangePreview } from './ChangePreview';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { describeRequest } from './describe-request';
import { useMutationCall } from '../../api/use-mutation-call';

const statusColor = { pending: 'yellow', approved: 'teal', rejected: 'gray' } as const;

type ApprovePreview = ResponseOf<typeof c.approve>;

function Decision({ row }: { row: ChangeRequestRow }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const m = useMutationCall();
  const params = { id: row.id };
  const reject = async () => {
    const res = await sendBy(m, c.reject, { params, body: { reason } });
    if (res?.status === 'committed') setDone(t('allocations.requests.rejected'));
  };
  if (done)
    return (
      <Alert color="green" p="xs" data-testid="decision-message">
        {done}
      </Alert>
    );
  return (
    <Stack gap={6} miw={280}>
      <Group gap={6}>
        <ConfirmWithPreview<ApprovePreview>
          label={t('confirmActions.approve.button')}
          title={t('confirmActions.approve.title', { task: row.taskKey })}
          color="teal"
          variant="light"
          testId="approve-request"
          error={m.error}
          loadPreview={() => sendBy(m, c.approve, { params, body: { mode: 'preview' } })}
          renderPreview={(p) => (
            <Stack gap="xs">
              {p.retroactive && (
                <Alert color="orange" data-testid="approve-retroactive">
                  {t('confirmActions.approve.retroactive', { startsOn: p.retroactive.startsOn, today: p.retroactive.today, days: p.retroactive.daysBack })}
                </Alert>
              )}
              <ChangePreview changes={p.changes} />
            </Stack>
          )}
          // a supplement for days already gone records the same written reason as its retroactive reason (10+ characters, as the server asks)
          reason={{ label: t('confirmActions.approve.reason'), minLength: 10 }}
          confirmLabel={t('confirmActions.approve.confirm')}
          onConfirm={async (why, p) => {
            const res = await sendBy(m, c.approve, { params, body: { mode: 'commit', reason: why, ...(p.retroactive ? { retroactiveReason: why } : {}) } });
            if (res?.status === 'committed') setDone(t('allocations.requests.approved'));
            return res !== null;
          }}
        />
      </Group>
      <TextInput
        size="xs"
        label={t('allocations.requests.decisionReason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={m.issueFor('reason')}
      />
      <Group gap={6}>
        <Button size="xs" variant="subtle" color="red" onClick={reject} loading={m.busy} disabled={!reason.trim()}>
          {t('allocations.requests.reject')}
        </Button>
      </Group>
      {m.error && (
        <Alert color="red" p="xs">
          {m.error}
        </Alert>
      )}
    </Stack>
  );
}

function NewRequest({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ChangeRequest['kind']>('supplement');
  const [allocationId, setAllocationId] = useState<string | null>(null);
  const [toAllocationId, setTo] = useState<string | null>(null);
  const [gpus, setGpus] = useState<number | string>(8);
  const [day, setDay] = useState('');
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<AllocationChange[] | null>(null);
  const [done, setDone] = useState(false);
  const m = useMutationCall();
  const options = overview.allocations.map((a) => ({ value: a.id, label: `${a.taskKey} · ${a.start} – ${a.end} · ${a.gpus} GPU` }));
  const request = (): ChangeRequest | null => {
    const eff = day ? { effectiveFrom: day } : {};
    if (kind === 'transfer')
      return allocationId && toAllocationId ? { kind, fromAllocationId: allocationId, toAllocationId, gpus: Number(gpus), ...eff } : null;
    if (!allocationId) return null;
    if (kind === 'extension') return { kind, allocationId, newEnd: day };
    if (kind === 'supplement') return { kind, allocationId, addGpus: Number(gpus), ...eff };
    return { kind, allocationId, removeGpus: Number(gpus), ...eff };
  };
  const go = async (mode: 'preview' | 'commit') => {
    const r = request();
    if (!r) return;
    const res = await sendBy(m, c.requestChange, { params: { slug: overview.program.slug }, body: { mode, reason, request: r } });
    if (res?.status === 'preview') setPreview(res.changes);
    if (res?.status === 'committed') {
      setDone(true);
      setPreview(null);
    }
  };
  return (
    <Card withBorder padding="md" data-testid="new-change-request">
      <Stack gap="xs">
        <Text fw={600}>{t('allocations.requests.new')}</Text>
        <Group grow align="flex-start">
          <Select
            label={t('allocations.requests.kind')}
            value={kind}
            onChange={(v) => v && setKind(v as ChangeRequest['kind'])}
            data={(['supplement', 'extension', 'transfer', 'reduction'] as const).map((k) => ({ value: k, label: t(`allocations.kinds.${k}`) }))}
          />
          <Select
            label={t('allocations.requests.allocation')}
            value={allocationId}
            onChange={setAllocationId}
            data={options}
            error={m.issueFor('allocationId', 'fromAllocationId')}
          />
          {kind === 'transfer' && (
            <Select
              label={t('allocations.requests.toAllocation')}
              value={toAllocationId}
              onChange={setTo}
              data={options}
              error={m.issueFor('toAllocationId')}
            />
          )}
        </Group>
        <Group grow align="flex-start">
          {kind !== 'extension' && (
            <NumberInput
              label={t(
                kind === 'supplement' ? 'allocations.requests.addGpus' : kind === 'transfer' ? 'allocations.requests.gpus' : 'allocations.requests.removeGpus',
              )}
              value={gpus}
              onChange={setGpus}
              step={8}
              min={0}
              error={m.issueFor('gpus', 'addGpus', 'removeGpus')}
            />
          )}
          <TextInput
            type="date"
            label={t(kind === 'extension' ? 'allocations.requests.newEnd' : 'allocations.requests.effectiveFrom')}
            value={day}
            onChange={(e) => setDay(e.currentTarget.value)}
            error={m.issueFor('newEnd', 'effectiveFrom', 'start', 'end')}
          />
        </Group>
        <Textarea label={t('allocations.requests.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
        {m.error && <Alert color="red">{m.error}</Alert>}
        {preview && <ChangePreview changes={preview} />}
        {done && <Alert color="green">{t('allocations.requests.submitted')}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => go('preview')} loading={m.busy}>
            {t('allocations.editor.preview')}
          </Button>
          <Button onClick={() => go('commit')} disabled={!preview || !reason.trim()} loading={m.busy}>
            {t('allocations.requests.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Change requests of a program, newest first; the operator decides the pending ones here. */
export function ChangeRequestsPanel({ overview, actor }: { overview: Overview; actor: Actor }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data } = useChangeRequests(overview.program.slug, true);
  const operator = actor.role === 'operator';
  return (
    <Stack>
      <Title order={3}>{t('allocations.requests.title')}</Title>
      <Card withBorder padding={0}>
        <Table striped verticalSpacing="sm" data-testid="change-requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('allocations.requests.kind')}</Table.Th>
              <Table.Th>{t('allocations.requests.task')}</Table.Th>
              <Table.Th>{t('allocations.requests.detail')}</Table.Th>
              <Table.Th>{t('allocations.requests.reason')}</Table.Th>
              <Table.Th>{t('allocations.requests.requestedBy')}</Table.Th>
              <Table.Th miw={80}>{t('allocations.requests.status')}</Table.Th>
              <Table.Th>{t('allocations.requests.decision')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data ?? []).map((r) => (
              <Table.Tr key={r.id} data-testid={`change-request-${r.kind}-${r.taskKey}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge variant="light" miw={56} styles={{ label: { overflow: 'visible' } }}>
                    {t(`allocations.kinds.${r.kind}`)}
                  </Badge>
                  {r.origin === 'under-use-policy' && (
                    <Text size="xs" c="dimmed">
                      {t('allocations.requests.policy')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.taskKey}</Table.Td>
                <Table.Td>{describeRequest(r.request, overview.allocations, t)}</Table.Td>
                <Table.Td maw={320}>
                  <Text size="sm">{r.explanation ? pick(r.explanation, lang) : r.reason}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.requestedByLabel}</Text>
                  <Text size="xs" c="dimmed">
                    {formatInstant(r.createdAt, lang)}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge color={statusColor[r.status]} miw={56} styles={{ label: { overflow: 'visible' } }}>
                    {t(`allocations.statuses.${r.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {r.status === 'pending' && operator ? (
                    <Decision row={r} />
                  ) : r.decidedByLabel ? (
                    <Text size="sm">
                      {r.decidedByLabel}
                      {r.decisionReason ? ` · ${r.decisionReason}` : ''}
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data?.length === 0 && (
          <Text c="dimmed" p="md">
            {t('allocations.requests.empty')}
          </Text>
        )}
      </Card>
      <NewRequest overview={overview} />
    </Stack>
  );
}
