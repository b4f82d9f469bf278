import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call as callApi } from '../../api/contract-client';
import { QueryState } from '../../components/QueryState';
import { pick } from '../../format/time';
import { reviewContract, useConflicts, useRefreshReview, type ConflictEntry } from './api';
import { Issues } from './errors';
import { LateConflictsPanel } from './LateConflictsPanel';

/** Conflicts found by the rules and declared by reviewers; the office may waive one, with a reason. */
export function ConflictsPanel({ program, call }: { program: string; call: string }) {
  const { t } = useTranslation();
  const conflicts = useConflicts(program, call);
  const refresh = useRefreshReview();
  const [note, setNote] = useState<string | null>(null);
  const detect = async () => {
    const res = await callApi(reviewContract.detectConflicts, { params: { program, call } });
    setNote(t('review.conflicts.detected', res));
    await refresh();
  };
  return (
    <Stack>
      <Group>
        <Button variant="light" onClick={detect}>
          {t('review.conflicts.detect')}
        </Button>
        {note && (
          <Text size="sm" c="dimmed">
            {note}
          </Text>
        )}
      </Group>
      <QueryState isLoading={conflicts.isLoading} error={conflicts.error} />
      <LateConflictsPanel program={program} call={call} />
      <Card withBorder padding="md">
        {conflicts.data?.conflicts.length === 0 && <Text c="dimmed">{t('review.conflicts.empty')}</Text>}
        <Table striped data-testid="conflicts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('review.conflicts.application')}</Table.Th>
              <Table.Th>{t('review.conflicts.reviewer')}</Table.Th>
              <Table.Th>{t('review.conflicts.kind')}</Table.Th>
              <Table.Th>{t('review.conflicts.severity')}</Table.Th>
              <Table.Th>{t('review.conflicts.detail')}</Table.Th>
              <Table.Th>{t('review.conflicts.waiver')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {conflicts.data?.conflicts.map((c) => (
              <ConflictRow key={c.id} c={c} />
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

function ConflictRow({ c }: { c: ConflictEntry }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshReview();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const send = async (waive: boolean) => {
    setError(null);
    try {
      await callApi(reviewContract.waive, { params: { id: c.id }, body: { waive, reason } });
      setReason('');
      await refresh();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Table.Tr data-testid={`conflict-${c.id}`}>
      <Table.Td>{c.application}</Table.Td>
      <Table.Td>{c.reviewer}</Table.Td>
      <Table.Td>{t(`review.conflicts.kinds.${c.kind}`)}</Table.Td>
      <Table.Td>
        <Badge color={c.severity === 'high' ? 'red' : 'orange'}>{t(`review.conflicts.severities.${c.severity}`)}</Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{pick(c.detail, i18n.language)}</Text>
      </Table.Td>
      <Table.Td>
        {c.waived && (
          <Alert color="gray" p={4} mb={4}>
            {t('review.conflicts.waived', { reason: c.waiverReason })}
          </Alert>
        )}
        <Group gap="xs" wrap="nowrap">
          <TextInput
            size="xs"
            placeholder={t('review.conflicts.waiveReason')}
            aria-label={t('review.conflicts.waiveReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Button size="xs" variant="light" color={c.waived ? 'red' : 'blue'} onClick={() => send(!c.waived)}>
            {c.waived ? t('review.conflicts.reinstate') : t('review.conflicts.waive')}
          </Button>
        </Group>
        <Issues error={error} />
      </Table.Td>
    </Table.Tr>
  );
}
