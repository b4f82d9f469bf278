import { Alert, Anchor, Badge, Button, Card, FileInput, Group, MultiSelect, Progress, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiRequestError } from '../../api/client';
import type { FieldIssue } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { pathOf } from '../../api/contract-client';
import type { BodyOf, ResponseOf } from '@stagegate/core/contract/route';
import { postForm, provenanceContract, useCheckpoints, useComparisons, type ComparisonStart, type JobView } from './api';
import { ProvenanceBadge } from './IntervalBar';
import { errorText } from '../../api/error-text';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 0)} MB`;

export function JobStatus({ job }: { job: JobView }) {
  const { t } = useTranslation();
  const p = job.progress as { doneBytes?: number; totalBytes?: number; done?: number; total?: number } | null;
  const done = p?.doneBytes ?? p?.done ?? 0;
  const total = p?.totalBytes ?? p?.total ?? 0;
  const color = { queued: 'gray', running: 'blue', done: 'teal', failed: 'red' }[job.status];
  return (
    <Stack gap={4} data-testid="job-status" data-status={job.status}>
      <Badge color={color} variant="light">
        {t(`evaluation.job.${job.status}`)}
      </Badge>
      {job.status === 'running' && total > 0 && <Progress value={(100 * done) / total} size="sm" aria-label={t('evaluation.job.running')} />}
    </Stack>
  );
}

/** Originality evidence: start a checkpoint comparison on the server, follow it, open its report. */
export function ProvenancePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const checkpoints = useCheckpoints();
  const comparisons = useComparisons();
  const [candidate, setCandidate] = useState<string | null>(null);
  const [references, setReferences] = useState<string[]>([]);
  const [label, setLabel] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [preview, setPreview] = useState<Extract<ComparisonStart, { status: 'preview' }> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  if (!checkpoints.data || !comparisons.data)
    return <QueryState isLoading={checkpoints.isLoading || comparisons.isLoading} error={checkpoints.error ?? comparisons.error} />;
  const options = checkpoints.data.checkpoints.map((c) => ({ value: c.path, label: `${c.path} (${mb(c.bytes)})` }));
  const issueFor = (prefix: string) =>
    issues
      .filter((i) => i.field === prefix || i.field.startsWith(`${prefix}.`))
      .map((i) => pick(i.message, lang))
      .join('\n') || undefined;

  const send = async (mode: 'preview' | 'commit') => {
    setMessage(null);
    try {
      const body: BodyOf<typeof provenanceContract.start> = { candidate: candidate ?? '', references, label: label || undefined, mode };
      const res = await api<ComparisonStart>(pathOf(provenanceContract.start, {}), { method: 'POST', body });
      setIssues([]);
      if (res.status === 'preview') setPreview(res);
      else {
        await qc.invalidateQueries({ queryKey: ['provenance'] });
        navigate(`/provenance/${res.comparisonId}`);
      }
    } catch (e) {
      if (e instanceof ApiRequestError && e.issues.length) setIssues(e.issues);
      else setMessage(errorText(e, i18n));
      setPreview(null);
    }
  };

  const upload = async (file: File | null) => {
    if (!file) return;
    setUploading(true);
    setMessage(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const res = await postForm<ResponseOf<typeof provenanceContract.upload, 201>>(provenanceContract.upload.path, form);
      await qc.invalidateQueries({ queryKey: ['provenance', 'checkpoints'] });
      setCandidate(res.path);
      setIssues([]);
    } catch (e) {
      if (e instanceof ApiRequestError && e.issues.length) setIssues(e.issues);
      else setMessage(errorText(e, i18n));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Stack maw={1200}>
      <Title order={2}>{t('evaluation.provenance.title')}</Title>
      <Text c="dimmed">{t('evaluation.provenance.intro')}</Text>
      <Card withBorder>
        <Title order={4}>{t('evaluation.provenance.start')}</Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('evaluation.provenance.root', { root: checkpoints.data.root })}
        </Text>
        <Stack>
          <Select
            label={t('evaluation.provenance.candidate')}
            data={options}
            value={candidate}
            onChange={(v) => (setCandidate(v), setPreview(null))}
            searchable
            error={issueFor('candidate')}
          />
          <FileInput
            label={t('evaluation.provenance.upload')}
            description={t('evaluation.provenance.uploadHelp')}
            accept=".safetensors"
            onChange={upload}
            disabled={uploading}
            error={issueFor('file')}
          />
          <MultiSelect
            label={t('evaluation.provenance.references')}
            data={options}
            value={references}
            onChange={(v) => (setReferences(v), setPreview(null))}
            searchable
            error={issueFor('references')}
          />
          <TextInput label={t('evaluation.provenance.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} />
          <Group>
            <Button variant="default" onClick={() => send('preview')}>
              {t('evaluation.provenance.preview')}
            </Button>
            <Button onClick={() => send('commit')} disabled={!preview}>
              {t('evaluation.provenance.run')}
            </Button>
          </Group>
          {message && <Alert color="red">{message}</Alert>}
          {preview && (
            <Alert color="blue" data-testid="provenance-preview">
              {t('evaluation.provenance.previewText', {
                candidate: `${preview.candidate.relative} (${mb(preview.candidate.bytes)})`,
                references: preview.references.map((r) => `${r.relative} (${mb(r.bytes)})`).join(', '),
              })}
            </Alert>
          )}
        </Stack>
      </Card>
      <Card withBorder p={0}>
        <Table striped data-testid="comparisons">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('evaluation.provenance.comparison')}</Table.Th>
              <Table.Th>{t('evaluation.provenance.references')}</Table.Th>
              <Table.Th>{t('evaluation.provenance.status')}</Table.Th>
              <Table.Th>{t('evaluation.provenance.verdictCol')}</Table.Th>
              <Table.Th>{t('evaluation.provenance.startedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {comparisons.data.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>{t('evaluation.provenance.none')}</Table.Td>
              </Table.Tr>
            )}
            {comparisons.data.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/provenance/${c.id}`}>
                    {c.label ?? c.candidatePath}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {c.candidatePath}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.referencePaths.join(', ')}</Text>
                </Table.Td>
                <Table.Td>
                  <JobStatus job={c.job} />
                </Table.Td>
                <Table.Td>{c.verdict ? <ProvenanceBadge verdict={c.verdict} /> : '—'}</Table.Td>
                <Table.Td>{formatInstant(c.createdAt, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
