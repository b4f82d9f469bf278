import { Alert, Badge, Card, Group, List, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call as callApi } from '../../api/contract-client';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { issuesText } from '../../api/issue-text';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { formatInstant, pick } from '../../format/time';
import { reviewContract, usePool, useRefreshReview } from './api';
import { issuesOf } from './errors';

type Withdrawal = ResponseOf<typeof reviewContract.lateConflicts>['withdrawals'][number];

/**
 * Conflicts found after assignment: the review was withdrawn and its scores set aside (kept, not
 * deleted); the office reassigns it, reading the solver's proposed replacement in the preview.
 */
export function LateConflictsPanel({ program, call }: { program: string; call: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const late = useQuery({
    queryKey: ['review', program, call, 'late-conflicts'],
    queryFn: () => callApi(reviewContract.lateConflicts, { params: { program, call } }).then((r) => r.withdrawals),
  });
  const rows = late.data ?? [];
  if (rows.length === 0) return null;
  const waiting = rows.filter((w) => !w.reassigned).length;
  return (
    <Card withBorder padding="md" data-testid="late-conflicts">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('confirmSteps.lateConflicts.title')}</Title>
        {waiting > 0 && <Badge color="orange">{t('confirmSteps.lateConflicts.waiting', { n: waiting })}</Badge>}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('confirmSteps.lateConflicts.intro')}
      </Text>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('review.conflicts.application')}</Table.Th>
            <Table.Th>{t('confirmSteps.lateConflicts.withdrawn')}</Table.Th>
            <Table.Th>{t('review.conflicts.detail')}</Table.Th>
            <Table.Th>{t('confirmSteps.lateConflicts.replacement')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((w) => (
            <Table.Tr key={w.id} data-testid={`late-conflict-${w.applicationId}`}>
              <Table.Td>{w.application}</Table.Td>
              <Table.Td>
                <Text size="sm">{w.reviewer}</Text>
                <Text size="xs" c="dimmed">
                  {formatInstant(w.withdrawnAt, lang)}
                  {w.sheetSetAside ? ` · ${t('confirmSteps.lateConflicts.setAside')}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{pick(w.detail, lang)}</Text>
              </Table.Td>
              <Table.Td>
                {w.reassigned ? (
                  <Text size="sm">
                    {t('confirmSteps.lateConflicts.reassigned', { reviewer: w.reassigned.reviewer ?? '—', reason: w.reassigned.reason ?? '' })}
                  </Text>
                ) : (
                  <Reassign program={program} call={call} w={w} />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Reassign({ program, call, w }: { program: string; call: string; w: Withdrawal }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const refresh = useRefreshReview();
  const pool = usePool(program, call);
  // empty: follow the solver's proposal; a named reviewer overrides it (the audit records which)
  const [reviewerId, setReviewerId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (mode: 'preview' | 'commit', reason = '') => {
    setError(null);
    try {
      return await callApi(reviewContract.reassign, { params: { id: w.id }, body: { mode, reason, ...(reviewerId ? { reviewerId } : {}) } });
    } catch (e) {
      setError(issuesText(issuesOf(e), i18n));
      return null;
    }
  };
  const accepted = (pool.data?.reviewers ?? []).filter((r) => r.status === 'accepted' && r.id !== w.reviewerId);
  return (
    <Group gap="xs" wrap="nowrap" align="flex-end">
      <Select
        size="xs"
        w={180}
        aria-label={t('confirmSteps.lateConflicts.choose')}
        placeholder={t('confirmSteps.lateConflicts.solverChoice')}
        data={accepted.map((r) => ({ value: r.id, label: r.name }))}
        value={reviewerId}
        onChange={setReviewerId}
        clearable
      />
      <ConfirmWithPreview<ResponseOf<typeof reviewContract.reassign>>
        label={t('confirmSteps.lateConflicts.reassign')}
        title={t('confirmSteps.lateConflicts.dialogTitle', { application: w.application })}
        variant="light"
        color="orange"
        testId={`reassign-${w.applicationId}`}
        error={error}
        loadPreview={() => send('preview')}
        renderPreview={(p) => (
          <Stack gap="xs">
            <Text size="sm" data-testid="reassign-withdrawn">
              {t('confirmSteps.lateConflicts.previewWithdrawn', { reviewer: p.withdrawal.reviewer, detail: pick(p.withdrawal.detail, lang) })}
            </Text>
            {p.withdrawal.sheetSetAside && (
              <Text size="sm" c="dimmed">
                {t('confirmSteps.lateConflicts.previewSetAside')}
              </Text>
            )}
            {p.proposal ? (
              <Alert color="blue" data-testid="reassign-proposal">
                {t('confirmSteps.lateConflicts.proposal', { reviewer: p.proposal.reviewer })}
              </Alert>
            ) : (
              <Alert color="yellow" data-testid="reassign-proposal">
                {t('confirmSteps.lateConflicts.noProposal')}
                <List size="sm">
                  {p.proposalReasons.map((r, n) => (
                    <List.Item key={n}>{pick(r, lang)}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Text fw={600} size="sm" data-testid="reassign-assign">
              {t('confirmSteps.lateConflicts.assign', { reviewer: p.assign.reviewer, application: p.withdrawal.application })}
            </Text>
          </Stack>
        )}
        reason={{ label: t('confirmSteps.lateConflicts.reason'), minLength: 5 }}
        confirmLabel={t('confirmSteps.lateConflicts.confirm')}
        onConfirm={async (reason) => {
          if (!(await send('commit', reason))) return false;
          await refresh();
          return true;
        }}
      />
    </Group>
  );
}
