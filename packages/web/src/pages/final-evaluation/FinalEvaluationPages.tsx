import { Alert, Anchor, Badge, Card, FileInput, Group, NumberInput, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiRequestError } from '../../api/client';
import { call } from '../../api/contract-client';
import { useSession } from '../../api/session';
import type { FieldIssue } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { finalEvaluationsContract as c, type FinalEvaluationSummary } from './api';
import { DesignateExcellent } from './DesignateExcellent';
import { PublishResults } from './PublishResults';
import { MakeOffer } from './MakeOffer';
import { FinalScoresForm } from '../evaluation-setup/FinalScoresForm';
import { errorText } from '../../api/error-text';

export function ruleText(rule: FinalEvaluationSummary['excellenceRule'], t: (k: string, o?: Record<string, unknown>) => string) {
  return rule.kind === 'topN'
    ? t('finalEvaluation.rule.topN', { n: rule.n })
    : rule.kind === 'atLeast'
      ? t('finalEvaluation.rule.atLeast', { min: rule.minScore })
      : t('finalEvaluation.rule.topNAtLeast', { n: rule.n, min: rule.minScore });
}

export function FinalEvaluationListPage() {
  const { t, i18n } = useTranslation();
  const { data: actor } = useSession();
  const { data, isLoading, error } = useQuery({
    queryKey: ['final-evaluations'],
    queryFn: () => call(c.list),
    enabled: !!actor,
  });
  if (!actor) return <Alert color="yellow">{t('finalEvaluation.signInFirst')}</Alert>;
  return (
    <Stack>
      <Title order={2}>{t('finalEvaluation.title')}</Title>
      <QueryState isLoading={isLoading} error={error} />
      {data?.finalEvaluations.length === 0 && <Alert>{t('finalEvaluation.none')}</Alert>}
      {data && data.finalEvaluations.length > 0 && (
        <Card withBorder>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('finalEvaluation.name')}</Table.Th>
                <Table.Th>{t('finalEvaluation.ruleLabel')}</Table.Th>
                <Table.Th>{t('finalEvaluation.statusLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.finalEvaluations.map((fe) => (
                <Table.Tr key={fe.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/final-evaluations/${fe.id}`}>
                      {pick(fe.name, i18n.language)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{ruleText(fe.excellenceRule, t)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={fe.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}

/** open → designated (the office's) → published (the teams told, the bundle public). */
export function StatusBadge({ status }: { status: FinalEvaluationSummary['status'] }) {
  const { t } = useTranslation();
  if (status === 'published') return <Badge color="teal">{t('finalEvaluationPublish.statusPublished')}</Badge>;
  return <Badge color={status === 'designated' ? 'green' : 'yellow'}>{t(`finalEvaluation.status.${status}`)}</Badge>;
}

const issueText = (issues: FieldIssue[], field: string, lang: string) =>
  issues
    .filter((i) => i.field === field)
    .map((i) => pick(i.message, lang))
    .join(' · ') || undefined;

export function FinalEvaluationPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { data: actor } = useSession();
  const { data, isLoading, error } = useQuery({
    queryKey: ['final-evaluation', id],
    queryFn: () => call(c.get, { params: { id: id! } }),
  });
  const [message, setMessage] = useState<string | null>(null);
  // whether the message is a refusal (shown in the offer's dialog too) or the news that it went through
  const [refused, setRefused] = useState(false);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [proposal, setProposal] = useState({ goalKind: 'performance', goals: '', gpus: 64 as number | string, startsOn: '', endsOn: '' });
  const operator = actor?.role === 'operator';

  /** Runs a call; done: the message when it went through and changed something (null for a preview). */
  async function run<T>(fn: () => Promise<T>, done: string | null): Promise<T | null> {
    setMessage(null);
    setRefused(false);
    setIssues([]);
    try {
      const answer = await fn();
      if (done !== null) {
        setMessage(done);
        await qc.invalidateQueries();
      }
      return answer;
    } catch (e) {
      setIssues(e instanceof ApiRequestError ? e.issues : []);
      setMessage(errorText(e, i18n));
      setRefused(true);
      return null;
    }
  }

  async function upload(taskId: string, file: File | null) {
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    await run(async () => {
      const res = await fetch(`/api/v1/final-evaluations/${id}/tasks/${taskId}/report`, { method: 'POST', body: form, credentials: 'include' });
      if (!res.ok) {
        const e = (await res.json()).error;
        throw new ApiRequestError(res.status, e.code, e.message, e.field, e.issues ?? []);
      }
    }, t('finalEvaluation.reportUploaded'));
  }

  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  const fe = data.finalEvaluation;
  return (
    <Stack>
      <Title order={2}>{pick(fe.name, i18n.language)}</Title>
      <Text c="dimmed">
        {t('finalEvaluation.ruleLabel')}: {ruleText(fe.excellenceRule, t)} ·{' '}
        {t('finalEvaluation.limits', { gpus: data.limits.maxGpus ?? '—', from: data.limits.earliestStart ?? '—', to: data.limits.latestEnd ?? '—' })}
      </Text>
      {message && <Alert data-testid="final-message">{message}</Alert>}
      <Group data-testid="final-publication">
        <StatusBadge status={fe.status} />
        {data.published ? (
          <Text size="sm" data-testid="final-published-at">
            {t('finalEvaluationPublish.publishedAt', { at: formatInstant(data.published.publishedAt, i18n.language) })}{' '}
            <Anchor component={Link} to="/results/bundles">
              {t('finalEvaluationPublish.bundleLink')}
            </Anchor>
          </Text>
        ) : operator && fe.status === 'designated' ? (
          <Text size="sm" c="dimmed">
            {t('finalEvaluationPublish.notPublishedOffice')}
          </Text>
        ) : (
          !operator && (
            <Text size="sm" c="dimmed" data-testid="final-not-published">
              {t('finalEvaluationPublish.notPublishedTeam')}
            </Text>
          )
        )}
      </Group>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={3}>{t('finalEvaluation.tasks')}</Title>
          {operator && (
            <Group>
              {fe.status !== 'published' && (
                <DesignateExcellent id={id!} taskNames={new Map(data.tasks.map((x) => [x.taskId, x.taskName]))} onDone={setMessage} />
              )}
              {fe.status === 'designated' && <PublishResults id={id!} onDone={setMessage} />}
            </Group>
          )}
        </Group>
        <Table striped data-testid="final-tasks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('finalEvaluation.task')}</Table.Th>
              <Table.Th>{t('finalEvaluation.report')}</Table.Th>
              <Table.Th ta="right">{t('finalEvaluation.score')}</Table.Th>
              <Table.Th>{t('finalEvaluation.excellent')}</Table.Th>
              <Table.Th>{t('finalEvaluation.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.tasks.map((x) => (
              <Table.Tr key={x.taskId}>
                <Table.Td>
                  {pick(x.taskName, i18n.language)}{' '}
                  <Text span size="xs" c="dimmed">
                    ({x.taskKey})
                  </Text>
                </Table.Td>
                <Table.Td>
                  {x.report ? (
                    <Anchor href={`/api/v1/final-evaluations/${id}/tasks/${x.taskId}/report`}>{x.report.fileName}</Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('finalEvaluation.noReport')}
                    </Text>
                  )}
                  <FileInput
                    size="xs"
                    mt={4}
                    accept="application/pdf"
                    placeholder={t('finalEvaluation.uploadReport')}
                    aria-label={t('finalEvaluation.uploadReport')}
                    onChange={(f) => upload(x.taskId, f)}
                  />
                </Table.Td>
                <Table.Td ta="right">{x.score ?? '—'}</Table.Td>
                <Table.Td>
                  {x.excellent === null ? (
                    '—'
                  ) : x.excellent ? (
                    <Badge color="green">{t('finalEvaluation.yes')}</Badge>
                  ) : (
                    <Badge color="gray">{t('finalEvaluation.no')}</Badge>
                  )}
                </Table.Td>
                <Table.Td>{x.designationReason ? pick(x.designationReason, i18n.language) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {operator && <FinalScoresForm key={data.tasks.map((x) => `${x.taskId}:${x.score}`).join()} id={id!} tasks={data.tasks} onDone={setMessage} />}
      <Card withBorder>
        <Title order={3} mb="sm">
          {t('finalEvaluation.proposals')}
        </Title>
        {data.proposals.length === 0 && <Text c="dimmed">{t('finalEvaluation.noProposals')}</Text>}
        {data.proposals.length > 0 && (
          <Table>
            <Table.Tbody>
              {data.proposals.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.taskKey}</Table.Td>
                  <Table.Td>{t(`finalEvaluation.goalKinds.${p.goalKind}`)}</Table.Td>
                  <Table.Td>
                    <Badge color={p.status === 'agreed' ? 'green' : 'blue'}>{t(`finalEvaluation.proposalStatus.${p.status}`)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/support-proposals/${p.id}`}>
                      {t('finalEvaluation.openThread')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {!operator &&
          data.tasks
            .filter((x) => x.excellent && !data.proposals.some((p) => p.taskId === x.taskId))
            .map((x) => (
              <Stack key={x.taskId} mt="md">
                <Title order={4}>{t('finalEvaluation.proposeFor', { task: x.taskKey })}</Title>
                <Select
                  label={t('finalEvaluation.goalKind')}
                  data={['performance', 'serviceDevelopment'].map((k) => ({ value: k, label: t(`finalEvaluation.goalKinds.${k}`) }))}
                  value={proposal.goalKind}
                  onChange={(v) => setProposal({ ...proposal, goalKind: v ?? 'performance' })}
                />
                <Textarea
                  label={t('finalEvaluation.goals')}
                  value={proposal.goals}
                  onChange={(e) => setProposal({ ...proposal, goals: e.currentTarget.value })}
                  error={issueText(issues, 'goals', i18n.language)}
                />
                <Group grow>
                  <NumberInput
                    label={t('finalEvaluation.gpus')}
                    value={proposal.gpus}
                    onChange={(v) => setProposal({ ...proposal, gpus: v })}
                    error={issueText(issues, 'gpus', i18n.language)}
                  />
                  <TextInput
                    label={t('finalEvaluation.startsOn')}
                    placeholder="YYYY-MM-DD"
                    value={proposal.startsOn}
                    onChange={(e) => setProposal({ ...proposal, startsOn: e.currentTarget.value })}
                    error={issueText(issues, 'startsOn', i18n.language)}
                  />
                  <TextInput
                    label={t('finalEvaluation.endsOn')}
                    placeholder="YYYY-MM-DD"
                    value={proposal.endsOn}
                    onChange={(e) => setProposal({ ...proposal, endsOn: e.currentTarget.value })}
                    error={issueText(issues, 'endsOn', i18n.language)}
                  />
                </Group>
                <Group>
                  <MakeOffer
                    label={t('finalEvaluation.propose')}
                    title={t('finalEvaluation.offerPreview.proposeTitle', { task: x.taskKey })}
                    testId={`propose-${x.taskKey}`}
                    error={refused ? message : null}
                    send={(mode) =>
                      run(
                        () =>
                          call(c.propose, {
                            params: { id: id!, taskId: x.taskId },
                            body: { ...proposal, goalKind: proposal.goalKind as 'performance' | 'serviceDevelopment', gpus: Number(proposal.gpus), mode },
                          }),
                        mode === 'commit' ? t('finalEvaluation.proposed') : null,
                      )
                    }
                  />
                </Group>
              </Stack>
            ))}
      </Card>
    </Stack>
  );
}
