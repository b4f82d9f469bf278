import { Alert, Button, Card, FileInput, Group, List, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiRequestError } from '../../api/client';
import type { FieldIssue } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { pick } from '../../format/time';
import { pathOf } from '../../api/contract-client';
import { evaluationContract, postForm, useTaskResults, type ImportAnswer } from './api';
import { pct, VerdictBadge } from './IntervalBar';
import { SuiteRunCard } from './SuiteRunCard';
import { errorText } from '../../api/error-text';

type Preview = Extract<ImportAnswer, { status: 'preview' }>;

/** Import of a results file for a task: validate → preview (what will be stored, with the verdict) → commit. */
export function EvaluationImportPage() {
  const { taskId = '' } = useParams();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { data, isLoading, error } = useTaskResults(taskId);
  const [suite, setSuite] = useState<string | null>(search.get('suite'));
  const [results, setResults] = useState<File | null>(null);
  const [samples, setSamples] = useState<File[]>([]);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  const chosen = suite ?? data.suites[0]?.key ?? null;

  const issueFor = (prefix: string) =>
    issues
      .filter((i) => i.field === prefix || i.field.startsWith(`${prefix}.`))
      .map((i) => pick(i.message, lang))
      .join('\n') || undefined;

  const send = async (mode: 'preview' | 'commit') => {
    setMessage(null);
    setBusy(true);
    const form = new FormData();
    form.append('suite', chosen ?? '');
    form.append('mode', mode);
    if (results) form.append('results', results, results.name);
    for (const s of samples) form.append('samples', s, s.name);
    try {
      const res = await postForm<ImportAnswer>(pathOf(evaluationContract.import, { params: { taskId } }), form);
      setIssues([]);
      if (res.status === 'preview') setPreview(res);
      else if (res.status === 'unchanged') setMessage({ color: 'gray', text: t('evaluation.import.unchanged') });
      else {
        await qc.invalidateQueries({ queryKey: ['evaluation'] });
        navigate(`/evaluation/tasks/${taskId}`);
      }
    } catch (e) {
      if (e instanceof ApiRequestError && e.issues.length) {
        setIssues(e.issues);
        setPreview(null);
        setMessage({ color: 'red', text: t('evaluation.import.refused') });
      } else setMessage({ color: 'red', text: errorText(e, i18n) });
    } finally {
      setBusy(false);
    }
  };

  const agg = preview?.comparison.ok ? preview.comparison.detail.suite.aggregate : undefined;
  // a comparison without a verdict says why in its own notes
  const comparisonNotes = preview ? (preview.comparison.ok ? preview.comparison.detail.notes : preview.comparison.notes) : [];
  return (
    <Stack maw={1000}>
      <Title order={2}>{t('evaluation.import.title', { name: pick(data.task.name, lang) })}</Title>
      <Text c="dimmed">{t('evaluation.import.intro')}</Text>
      <Card withBorder>
        <Stack>
          <Select
            label={t('evaluation.import.suite')}
            data={data.suites.map((s) => ({ value: s.key, label: pick(s.name, lang) }))}
            value={chosen}
            onChange={(v) => (setSuite(v), setPreview(null))}
            error={issueFor('suite')}
            allowDeselect={false}
          />
          <FileInput
            label={t('evaluation.import.results')}
            description={t('evaluation.import.resultsHelp')}
            accept=".json,.csv"
            value={results}
            onChange={(f) => (setResults(f), setPreview(null))}
            error={issueFor('results')}
            clearable
            styles={{ error: { whiteSpace: 'pre-wrap' } }}
          />
          <FileInput
            label={t('evaluation.import.samples')}
            description={t('evaluation.import.samplesHelp')}
            accept=".jsonl"
            multiple
            value={samples}
            onChange={(f) => (setSamples(f), setPreview(null))}
            error={issueFor('samples')}
            clearable
            styles={{ error: { whiteSpace: 'pre-wrap' } }}
          />
          <Group>
            <Button variant="default" onClick={() => send('preview')} loading={busy} disabled={!results}>
              {t('evaluation.import.preview')}
            </Button>
            <Button onClick={() => send('commit')} loading={busy} disabled={!preview}>
              {t('evaluation.import.commit')}
            </Button>
            <Button variant="subtle" component={Link} to={`/evaluation/tasks/${taskId}`}>
              {t('evaluation.import.cancel')}
            </Button>
          </Group>
          {message && (
            <Alert color={message.color} data-testid="import-message">
              {message.text}
            </Alert>
          )}
        </Stack>
      </Card>
      {preview && (
        <Card withBorder data-testid="import-preview">
          <Title order={4}>{t('evaluation.import.previewTitle', { file: preview.run.fileName })}</Title>
          {agg ? (
            <Group mt="xs">
              <VerdictBadge verdict={agg.verdict} />
              <Text>{t('evaluation.ratioWithCi', { ratio: pct(agg.ratio), lo: pct(agg.ci[0]), hi: pct(agg.ci[1]) })}</Text>
            </Group>
          ) : (
            <Alert color="yellow" mt="xs">
              {t('evaluation.results.noComparison')}
            </Alert>
          )}
          <Table mt="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evaluation.results.benchmark')}</Table.Th>
                <Table.Th>{t('evaluation.import.metric')}</Table.Th>
                <Table.Th ta="right">{t('evaluation.import.score')}</Table.Th>
                <Table.Th ta="right">{t('evaluation.import.stderr')}</Table.Th>
                <Table.Th ta="right">{t('evaluation.results.items')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.run.scores.map((s) => (
                <Table.Tr key={s.benchmark}>
                  <Table.Td>{s.benchmark}</Table.Td>
                  <Table.Td>{`${s.metric},${s.filter}`}</Table.Td>
                  <Table.Td ta="right">{s.value.toFixed(4)}</Table.Td>
                  <Table.Td ta="right">{s.stderr === null ? 'N/A' : s.stderr.toFixed(4)}</Table.Td>
                  <Table.Td ta="right">{s.items ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {[...preview.run.notes, ...comparisonNotes].length > 0 && (
            <List size="sm" mt="sm">
              {[...preview.run.notes, ...comparisonNotes].map((n, i) => (
                <List.Item key={i}>{pick(n, lang)}</List.Item>
              ))}
            </List>
          )}
        </Card>
      )}
      <SuiteRunCard taskId={taskId} data={data} suite={chosen} />
    </Stack>
  );
}
