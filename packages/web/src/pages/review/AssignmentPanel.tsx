import { Alert, Badge, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/contract-client';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { reviewContract, useRefreshReview, useRoundAssignment, type Diff, type Overview, type Pair, type Run } from './api';
import { Issues, issuesOf } from './errors';
import { issuesText } from '../../api/issue-text';
import { errorText } from '../../api/error-text';

/** Run the solver → preview its diff → deploy; or add and remove pairs by hand through the same preview. */
export function AssignmentPanel({ overview }: { overview: Overview }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [roundId, setRoundId] = useState(overview.rounds[0]?.id);
  const assignment = useRoundAssignment(roundId);
  const refresh = useRefreshReview();
  const [balance, setBalance] = useState(true);
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const appLabel = (id: string) => overview.applications.find((a) => a.id === id)?.label ?? id;
  const reviewerName = (id: string) => assignment.data?.panel.find((r) => r.id === id)?.name ?? id;

  const start = async () => {
    setError(null);
    setMessage(null);
    try {
      setRun((await call(reviewContract.runSolver, { params: { roundId: roundId! }, body: { balance } })).run);
      await refresh();
    } catch (e) {
      setError(e);
    }
  };
  const [deployError, setDeployError] = useState<string | null>(null);
  const deploy = async () => {
    setDeployError(null);
    try {
      await call(reviewContract.deploy, { params: { runId: run!.id } });
      setRun(null);
      setMessage(t('review.assignment.deployed'));
      await refresh();
      return true;
    } catch (e) {
      setDeployError(errorText(e, i18n));
      return false;
    }
  };
  // the preview is the run as the server holds it now: its diff against the current assignment
  const loadRun = async () => {
    setDeployError(null);
    try {
      return (await call(reviewContract.run, { params: { runId: run!.id } })).run;
    } catch (e) {
      setDeployError(errorText(e, i18n));
      return null;
    }
  };
  if (!roundId) return null;
  return (
    <Stack>
      <Card withBorder padding="md">
        <Group align="flex-end">
          <Select
            label={t('review.assignment.round')}
            data={overview.rounds.map((r) => ({
              value: r.id,
              label: `${pick(r.name, lang)} · ${t('review.assignment.perProposal', { count: r.reviewsPerProposal })}`,
            }))}
            value={roundId}
            onChange={(v) => v && (setRoundId(v), setRun(null))}
            allowDeselect={false}
            w={320}
          />
          <Checkbox label={t('review.assignment.balance')} checked={balance} onChange={(e) => setBalance(e.currentTarget.checked)} mb={8} />
          <Button onClick={start}>{t('review.assignment.run')}</Button>
        </Group>
        <Stack mt="sm">
          <Issues error={error} />
          {message && (
            <Alert color="green" data-testid="assignment-message">
              {message}
            </Alert>
          )}
        </Stack>
      </Card>
      {run && (
        <Card withBorder padding="md" data-testid="run-preview">
          <Group justify="space-between">
            <Title order={4}>{t('review.assignment.runStatus', { status: pick(run.statusLabel, lang) })}</Title>
            {run.result.objective !== undefined && <Text c="dimmed">{t('review.assignment.objective', { value: run.result.objective })}</Text>}
          </Group>
          {run.status === 'no_solution' && (
            <Alert color="red" mt="sm" title={t('review.assignment.noSolution')}>
              {run.result.reasons?.map((r, i) => (
                <div key={i}>{pick(r.message, lang)}</div>
              ))}
            </Alert>
          )}
          {run.result.diff && (
            <>
              <DiffTable diff={run.result.diff} appLabel={appLabel} reviewerName={reviewerName} />
              <Group mt="md">
                <ConfirmWithPreview<Run>
                  label={t('review.assignment.deploy')}
                  title={t('confirmActions.deploy.title')}
                  color="green"
                  testId="deploy-run"
                  disabled={run.status !== 'complete'}
                  error={deployError}
                  loadPreview={loadRun}
                  renderPreview={(r) => (
                    <Stack gap="xs">
                      <Text data-testid="deploy-summary">
                        {t('confirmActions.deploy.summary', {
                          added: r.result.diff?.added.length ?? 0,
                          removed: r.result.diff?.removed.length ?? 0,
                          kept: r.result.diff?.kept.length ?? 0,
                        })}
                      </Text>
                      {r.result.diff && <DiffTable diff={r.result.diff} appLabel={appLabel} reviewerName={reviewerName} />}
                    </Stack>
                  )}
                  confirmLabel={t('confirmActions.deploy.confirm')}
                  onConfirm={deploy}
                />
                <Button variant="default" onClick={() => setRun(null)}>
                  {t('review.common.cancel')}
                </Button>
              </Group>
            </>
          )}
        </Card>
      )}
      <QueryState isLoading={assignment.isLoading} error={assignment.error} />
      {assignment.data && (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder padding="md">
              <Title order={4} mb="xs">
                {t('review.assignment.current')}
              </Title>
              {assignment.data.pairs.length === 0 && <Text c="dimmed">{t('review.assignment.empty')}</Text>}
              <Table data-testid="current-assignment">
                <Table.Tbody>
                  {overview.applications.map((a) => {
                    const pairs = assignment.data!.pairs.filter((p) => p.applicationId === a.id);
                    if (pairs.length === 0) return null;
                    return (
                      <Table.Tr key={a.id}>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {a.label}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {pairs.map((p) => (
                              <Badge
                                key={p.reviewerId}
                                variant="light"
                                color={p.conflicted ? 'red' : p.sheet === 'submitted' ? 'green' : p.sheet === 'draft' ? 'yellow' : 'gray'}
                              >
                                {reviewerName(p.reviewerId)} · {p.conflicted ? t('review.assignment.conflictedPair') : t(`review.assignment.sheet.${p.sheet}`)}
                              </Badge>
                            ))}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder padding="md">
              <Title order={4} mb="xs">
                {t('review.assignment.panel')}
              </Title>
              <Table>
                <Table.Tbody>
                  {assignment.data.panel.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.name}</Table.Td>
                      <Table.Td>
                        <Badge color={r.status === 'accepted' ? 'green' : 'gray'}>{t(`review.pool.statuses.${r.status}`)}</Badge>
                      </Table.Td>
                      <Table.Td>{t('review.assignment.loadOf', { load: r.load, max: r.maxLoad })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Title order={5} mt="md" mb="xs">
                {t('review.assignment.runs')}
              </Title>
              <Table>
                <Table.Tbody>
                  {assignment.data.runs.slice(0, 8).map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{formatInstant(r.createdAt, lang)}</Table.Td>
                      <Table.Td>{r.kind === 'manual' ? t('review.assignment.kindManual') : t('review.assignment.kindSolver')}</Table.Td>
                      <Table.Td>{pick(r.statusLabel, lang)}</Table.Td>
                      <Table.Td>{r.changes ? `+${r.changes.added} −${r.changes.removed}` : ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          </SimpleGrid>
          <ManualAssignment
            overview={overview}
            roundId={roundId}
            reviewers={assignment.data.panel.filter((r) => r.status === 'accepted')}
            appLabel={appLabel}
            reviewerName={reviewerName}
          />
        </>
      )}
    </Stack>
  );
}

function DiffTable({ diff, appLabel, reviewerName }: { diff: Diff; appLabel: (id: string) => string; reviewerName: (id: string) => string }) {
  const { t } = useTranslation();
  const rows: [string, Pair][] = [...diff.added.map((p) => ['+', p] as [string, Pair]), ...diff.removed.map((p) => ['−', p] as [string, Pair])];
  return (
    <Stack gap="xs" mt="sm">
      <Group>
        <Badge color="green" data-testid="diff-added">
          {t('review.assignment.added', { count: diff.added.length })}
        </Badge>
        <Badge color="red" data-testid="diff-removed">
          {t('review.assignment.removed', { count: diff.removed.length })}
        </Badge>
        <Badge color="gray">{t('review.assignment.kept', { count: diff.kept.length })}</Badge>
      </Group>
      <Table striped data-testid="diff-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('review.assignment.change')}</Table.Th>
            <Table.Th>{t('review.conflicts.application')}</Table.Th>
            <Table.Th>{t('review.conflicts.reviewer')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([sign, [a, r]]) => (
            <Table.Tr key={`${sign}${a}${r}`}>
              <Table.Td c={sign === '+' ? 'green' : 'red'}>{sign}</Table.Td>
              <Table.Td>{appLabel(a)}</Table.Td>
              <Table.Td>{reviewerName(r)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function ManualAssignment({
  overview,
  roundId,
  reviewers,
  appLabel,
  reviewerName,
}: {
  overview: Overview;
  roundId: string;
  reviewers: { id: string; name: string }[];
  appLabel: (id: string) => string;
  reviewerName: (id: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshReview();
  const [app, setApp] = useState<string | null>(null);
  const [reviewer, setReviewer] = useState<string | null>(null);
  const [action, setAction] = useState<'add' | 'remove'>('add');
  const [error, setError] = useState<unknown>(null);
  // the commit carries the preview's basis, so a change made by someone else in between is refused (409 stale)
  const send = async (mode: 'preview' | 'commit', basis?: string) => {
    setError(null);
    try {
      const res = await call(reviewContract.manual, {
        params: { roundId },
        body: { add: action === 'add' ? [[app!, reviewer!]] : [], remove: action === 'remove' ? [[app!, reviewer!]] : [], mode, ...(basis ? { basis } : {}) },
      });
      if (mode === 'commit') await refresh();
      return res;
    } catch (e) {
      setError(e);
      return null;
    }
  };
  return (
    <Card withBorder padding="md">
      <Title order={4} mb="xs">
        {t('review.assignment.manual')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('review.assignment.change')}
          data={[
            { value: 'add', label: t('review.assignment.manualAdd') },
            { value: 'remove', label: t('review.assignment.manualRemove') },
          ]}
          value={action}
          onChange={(v) => setAction((v as 'add' | 'remove') ?? 'add')}
          w={120}
          allowDeselect={false}
        />
        <Select
          label={t('review.conflicts.application')}
          data={overview.applications.map((a) => ({ value: a.id, label: a.label }))}
          value={app}
          onChange={setApp}
          w={360}
          searchable
        />
        <Select
          label={t('review.conflicts.reviewer')}
          data={reviewers.map((r) => ({ value: r.id, label: r.name }))}
          value={reviewer}
          onChange={setReviewer}
          w={200}
        />
        <ConfirmWithPreview<{ diff: Diff; basis: string }>
          label={t('review.assignment.manualPreview')}
          title={t(action === 'add' ? 'confirmSteps.manualAssignment.addTitle' : 'confirmSteps.manualAssignment.removeTitle')}
          variant="light"
          color={action === 'remove' ? 'red' : 'green'}
          testId="manual-assignment"
          disabled={!app || !reviewer}
          error={error ? issuesText(issuesOf(error), i18n) : null}
          loadPreview={async () => {
            const r = await send('preview');
            return r?.status === 'preview' ? { diff: r.diff, basis: r.basis } : null;
          }}
          renderPreview={(p) => <DiffTable diff={p.diff} appLabel={appLabel} reviewerName={reviewerName} />}
          confirmLabel={t('review.common.commit')}
          onConfirm={async (_reason, p) => (await send('commit', p.basis)) !== null}
        />
      </Group>
    </Card>
  );
}
