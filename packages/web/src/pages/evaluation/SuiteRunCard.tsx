import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiRequestError } from '../../api/client';
import type { FieldIssue } from '../../api/types';
import { formatInstant, pick } from '../../format/time';
import { pathOf } from '../../api/contract-client';
import type { BodyOf } from '@stagegate/core/contract/route';
import { evaluationContract, type SuiteRunAnswer, type TaskResults } from './api';
import { JobStatus } from './ProvenancePage';
import { errorText } from '../../api/error-text';

/** Runs a suite on the server against the team's OpenAI-compatible endpoint; the results are imported when the job ends. */
export function SuiteRunCard({ taskId, data, suite }: { taskId: string; data: TaskResults; suite: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const [endpoint, setEndpoint] = useState('');
  const [model, setModel] = useState('');
  const [suiteFile, setSuiteFile] = useState('');
  const [concurrency, setConcurrency] = useState<number>(8);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const issueFor = (f: string) =>
    issues
      .filter((i) => i.field === f)
      .map((i) => pick(i.message, lang))
      .join('\n') || undefined;
  const send = async (mode: 'preview' | 'commit') => {
    setMessage(null);
    try {
      const body: BodyOf<typeof evaluationContract.suiteRun> = { suite: suite ?? '', endpoint, model, suiteFile, concurrency, mode };
      const res = await api<SuiteRunAnswer>(pathOf(evaluationContract.suiteRun, { params: { taskId } }), { method: 'POST', body });
      setIssues([]);
      if (res.status === 'preview') setMessage(t('evaluation.suiteRun.previewText', { tasks: res.tasks.map((x) => `${x.name} (${x.kind})`).join(', ') }));
      else {
        setMessage(t('evaluation.suiteRun.queued'));
        await qc.invalidateQueries({ queryKey: ['evaluation', 'task', taskId] });
      }
    } catch (e) {
      if (e instanceof ApiRequestError && e.issues.length) setIssues(e.issues);
      else setMessage(errorText(e, i18n));
    }
  };
  return (
    <Card withBorder>
      <Title order={4}>{t('evaluation.suiteRun.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('evaluation.suiteRun.intro')}
      </Text>
      <Stack>
        <Group grow align="flex-start">
          <TextInput
            label={t('evaluation.suiteRun.endpoint')}
            placeholder="https://team.example/v1"
            value={endpoint}
            onChange={(e) => setEndpoint(e.currentTarget.value)}
            error={issueFor('endpoint')}
          />
          <TextInput label={t('evaluation.suiteRun.model')} value={model} onChange={(e) => setModel(e.currentTarget.value)} error={issueFor('model')} />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={t('evaluation.suiteRun.suiteFile')}
            description={t('evaluation.suiteRun.suiteFileHelp')}
            value={suiteFile}
            onChange={(e) => setSuiteFile(e.currentTarget.value)}
            error={issueFor('suiteFile')}
          />
          <NumberInput label={t('evaluation.suiteRun.concurrency')} min={1} max={64} value={concurrency} onChange={(v) => setConcurrency(Number(v) || 1)} />
        </Group>
        <Group>
          <Button variant="default" onClick={() => send('preview')}>
            {t('evaluation.import.preview')}
          </Button>
          <Button onClick={() => send('commit')}>{t('evaluation.suiteRun.start')}</Button>
        </Group>
        {message && <Alert color="blue">{message}</Alert>}
        {data.suiteRuns.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evaluation.provenance.startedAt')}</Table.Th>
                <Table.Th>{t('evaluation.import.suite')}</Table.Th>
                <Table.Th>{t('evaluation.provenance.status')}</Table.Th>
                <Table.Th>{t('evaluation.suiteRun.progress')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.suiteRuns.map((j) => {
                const p = j.progress as { done?: number; total?: number } | null;
                return (
                  <Table.Tr key={j.id}>
                    <Table.Td>{formatInstant(j.createdAt, lang)}</Table.Td>
                    <Table.Td>{j.suite}</Table.Td>
                    <Table.Td>
                      <JobStatus job={j} />
                    </Table.Td>
                    <Table.Td>
                      {p?.total ? t('evaluation.suiteRun.items', { done: p.done ?? 0, total: p.total }) : '—'}
                      {j.error && (
                        <Text size="xs" c="red">
                          {j.error}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
