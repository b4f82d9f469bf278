import { Alert, Button, Card, Group, SegmentedControl, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, ApiRequestError } from '../../api/client';
import type { FieldIssue, ProgramDefinition } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { call, pathOf } from '../../api/contract-client';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { evaluationContract, provenanceContract, useComparison, useEvaluationTasks, type ComparisonDetail } from './api';
import { ProvenanceBadge } from './IntervalBar';
import { JobStatus } from './ProvenancePage';
import { errorText } from '../../api/error-text';

const num = (v: number | null) => (v === null ? '—' : v.toFixed(3));

function AttachEvidence({ comparison }: { comparison: ComparisonDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const tasks = useEvaluationTasks();
  const [taskId, setTaskId] = useState<string | null>(null);
  const [stageKey, setStageKey] = useState<string | null>(null);
  const [gateKey, setGateKey] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const task = tasks.data?.find((x) => x.id === taskId);
  const program = useQuery({
    queryKey: ['program', task?.programSlug],
    queryFn: () => api<{ definition: ProgramDefinition }>(`/api/v1/programs/${task!.programSlug}`),
    enabled: !!task,
  });
  const catalog = useQuery({
    queryKey: ['evaluation', 'catalog', task?.programSlug],
    queryFn: () => call(evaluationContract.catalog, { query: { program: task!.programSlug } }),
    enabled: !!task,
  });
  const issueFor = (f: string) =>
    issues
      .filter((i) => i.field === f)
      .map((i) => pick(i.message, lang))
      .join('\n') || undefined;
  const attach = async () => {
    setMessage(null);
    try {
      // sent as chosen (a missing choice is refused naming its field)
      const path = pathOf(provenanceContract.attach, { params: { id: comparison.id } });
      const res = await api<ResponseOf<typeof provenanceContract.attach>>(path, {
        method: 'POST',
        body: { taskId, stageKey, gateKey, note: note || undefined },
      });
      setIssues([]);
      setMessage(t(res.status === 'unchanged' ? 'evaluation.provenance.attachUnchanged' : 'evaluation.provenance.attached'));
      await qc.invalidateQueries({ queryKey: ['provenance', 'comparison', comparison.id] });
    } catch (e) {
      if (e instanceof ApiRequestError && e.issues.length) setIssues(e.issues);
      else setMessage(errorText(e, i18n));
    }
  };
  return (
    <Card withBorder>
      <Title order={4}>{t('evaluation.provenance.attachTitle')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('evaluation.provenance.attachIntro')}
      </Text>
      <Group align="flex-start" grow>
        <Select
          label={t('evaluation.provenance.task')}
          data={(tasks.data ?? []).map((x) => ({ value: x.id, label: `${pick(x.name, lang)} (${x.key})` }))}
          value={taskId}
          onChange={setTaskId}
          searchable
          error={issueFor('taskId')}
        />
        <Select
          label={t('evaluation.provenance.stage')}
          data={(catalog.data?.suites ?? []).map((s) => ({ value: s.key, label: pick(s.name, lang) }))}
          value={stageKey}
          onChange={setStageKey}
          error={issueFor('stageKey')}
        />
        <Select
          label={t('evaluation.provenance.gate')}
          data={(program.data?.definition.stageEvaluation.gates ?? []).map((g) => ({ value: g.key, label: pick(g.name, lang) }))}
          value={gateKey}
          onChange={setGateKey}
          error={issueFor('gateKey')}
        />
      </Group>
      <Textarea mt="sm" label={t('evaluation.provenance.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      <Group mt="sm">
        <Button onClick={attach} disabled={!taskId || !stageKey || !gateKey}>
          {t('evaluation.provenance.attach')}
        </Button>
        {message && (
          <Text size="sm" data-testid="attach-message">
            {message}
          </Text>
        )}
      </Group>
      {issueFor('comparison') && (
        <Alert color="red" mt="sm">
          {issueFor('comparison')}
        </Alert>
      )}
      {comparison.evidence.length > 0 && (
        <Table mt="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('evaluation.provenance.task')}</Table.Th>
              <Table.Th>{t('evaluation.provenance.stage')}</Table.Th>
              <Table.Th>{t('evaluation.provenance.gate')}</Table.Th>
              <Table.Th>{t('evaluation.provenance.note')}</Table.Th>
              <Table.Th>{t('evaluation.provenance.attachedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {comparison.evidence.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{pick(e.taskName, lang)}</Table.Td>
                <Table.Td>{e.stageKey}</Table.Td>
                <Table.Td>{e.gateKey}</Table.Td>
                <Table.Td>{e.note ?? '—'}</Table.Td>
                <Table.Td>{formatInstant(e.attachedAt, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** One comparison: its progress while it runs, then the report (summary here, the full report below). */
export function ComparisonPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, isLoading, error } = useComparison(id);
  const [reportLang, setReportLang] = useState<string>(lang === 'en' ? 'en' : 'ko');
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  const r = data.report;
  const reportUrl = pathOf(provenanceContract.reportHtml, { params: { id }, query: { lang: reportLang } });
  return (
    <Stack maw={1200}>
      <Title order={2}>{t('evaluation.provenance.reportTitle', { label: data.label ?? data.candidatePath })}</Title>
      <Card withBorder>
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Text size="sm">{t('evaluation.provenance.candidateIs', { path: data.candidatePath })}</Text>
            <Text size="sm">{t('evaluation.provenance.referencesAre', { paths: data.referencePaths.join(', ') })}</Text>
            <Text size="xs" c="dimmed">
              {formatInstant(data.createdAt, lang)}
            </Text>
          </Stack>
          <JobStatus job={data.job} />
        </Group>
        {data.job.status === 'failed' && (
          <Alert color="red" mt="sm" data-testid="job-error">
            {data.job.error}
          </Alert>
        )}
        {(data.job.status === 'queued' || data.job.status === 'running') && (
          <Text size="sm" mt="sm" c="dimmed">
            {t('evaluation.provenance.waiting')}
          </Text>
        )}
      </Card>
      {r && (
        <>
          <Card withBorder data-testid="report-summary">
            <Group>
              <Text fw={600}>{t('evaluation.provenance.overall')}</Text>
              <ProvenanceBadge verdict={r.verdict} />
            </Group>
            <Text mt="xs">{pick(r.summary, lang)}</Text>
          </Card>
          {r.comparisons.map((c) => (
            <Card withBorder key={c.reference.path} p={0}>
              <Group p="sm" justify="space-between">
                <Text fw={600}>{t('evaluation.provenance.against', { reference: c.reference.label })}</Text>
                <ProvenanceBadge verdict={c.verdict} />
              </Group>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('evaluation.provenance.component')}</Table.Th>
                    <Table.Th>{t('evaluation.provenance.verdictCol')}</Table.Th>
                    <Table.Th ta="right">{t('evaluation.provenance.medianCosine')}</Table.Th>
                    <Table.Th ta="right">{t('evaluation.provenance.baseline')}</Table.Th>
                    <Table.Th ta="right">{t('evaluation.provenance.tensors')}</Table.Th>
                    <Table.Th>{t('evaluation.provenance.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.components.map((k) => (
                    <Table.Tr key={k.kind}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`evaluation.provenance.kind.${k.kind}`, { defaultValue: k.kind })}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }} miw={130}>
                        <ProvenanceBadge verdict={k.verdict} />
                      </Table.Td>
                      <Table.Td ta="right">{num(k.medianCosine)}</Table.Td>
                      <Table.Td ta="right">{num(k.baselineCosine)}</Table.Td>
                      <Table.Td ta="right">{k.tensorsCompared}</Table.Td>
                      <Table.Td>
                        <Text size="xs">{pick(k.reason, lang)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          ))}
          <AttachEvidence comparison={data} />
          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Title order={4}>{t('evaluation.provenance.fullReport')}</Title>
              <Group>
                <SegmentedControl
                  size="xs"
                  value={reportLang}
                  onChange={setReportLang}
                  data={[
                    { value: 'ko', label: '한국어' },
                    { value: 'en', label: 'English' },
                  ]}
                />
                <Button size="xs" variant="default" component="a" href={reportUrl} target="_blank">
                  {t('evaluation.provenance.openReport')}
                </Button>
              </Group>
            </Group>
            <iframe
              title={t('evaluation.provenance.fullReport')}
              src={reportUrl}
              style={{ width: '100%', height: 900, border: '1px solid #dee2e6', borderRadius: 4 }}
            />
          </Card>
        </>
      )}
    </Stack>
  );
}
