import { Alert, Badge, Button, Card, FileInput, Group, Progress, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, isCalendarDay } from '@stagegate/core/allocation/calendar-day';
import { seoulDay } from '@stagegate/core/shared/seoul-time';
import { ApiRequestError } from '../../api/client';
import { issuesText } from '../../api/issue-text';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { formatDate } from '../../format/time';
import {
  requestCommit,
  requestPreview,
  uploadSacct,
  useUsageImportJob,
  type UsageImportJob,
  type UsageImportResult,
  type UsageSource,
} from './usage-import-api';

const hours = (n: number, lang: string) => n.toLocaleString(lang === 'en' ? 'en-US' : 'ko-KR', { maximumFractionDigits: 2 });

/** A refusal in the reader's language, naming the field in words. */
function useErrorText() {
  const { t, i18n } = useTranslation();
  return (e: unknown) => (e instanceof ApiRequestError && e.issues.length ? issuesText(e.issues, i18n) : t('usageImport.errors.other'));
}

/** A job's phase and how far it has read. */
function JobLine({ job, testId }: { job: UsageImportJob; testId: string }) {
  const { t } = useTranslation();
  const { bytesRead = 0, totalBytes = 0, phase } = job.progress ?? {};
  const percent = totalBytes > 0 ? Math.min(100, (100 * bytesRead) / totalBytes) : 0;
  return (
    <Stack gap={4} data-testid={testId}>
      <Group gap={6}>
        <Badge color={job.status === 'failed' ? 'red' : job.status === 'done' ? 'teal' : 'blue'} data-testid={`${testId}-status`}>
          {t(`usageImport.status.${job.status}`)}
        </Badge>
        {job.status === 'running' && phase && <Text size="sm">{t(`usageImport.phase.${phase}`)}</Text>}
      </Group>
      {(job.status === 'running' || job.status === 'queued') && <Progress value={percent} animated={percent === 0} />}
      {job.status === 'failed' && (
        <Alert color="red" p="xs">
          {t('usageImport.failed')}
          <Text size="xs" c="dimmed" mt={4}>
            {job.error}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}

/** Task by task, what the covered days hold now and what they will hold. */
function ImportPreview({ result }: { result: UsageImportResult }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack gap="xs" data-testid="usage-import-preview">
      <Text size="sm">
        {result.firstDay && result.lastDay
          ? t('usageImport.days', { first: formatDate(result.firstDay, lang), last: formatDate(result.lastDay, lang), jobs: result.jobsRead })
          : t('usageImport.noDays', { jobs: result.jobsRead })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('usageImport.replaces')}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('usageImport.task')}</Table.Th>
            <Table.Th>{t('usageImport.before')}</Table.Th>
            <Table.Th>{t('usageImport.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.changes.map((c) => (
            <Table.Tr key={c.taskId ?? '-'} data-testid={`usage-change-${c.task ?? 'unmapped'}`}>
              <Table.Td>{c.task ?? t('usageImport.noTask')}</Table.Td>
              <Table.Td>{t('usageImport.gpuHours', { n: hours(c.beforeGpuHours, lang) })}</Table.Td>
              <Table.Td>{t('usageImport.gpuHours', { n: hours(c.afterGpuHours, lang) })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result.unmappedCount > 0 && (
        <Alert color="yellow" p="xs">
          {t('usageImport.unmapped', { count: result.unmappedCount, accounts: result.unmappedAccounts.slice(0, 10).join(', ') })}
        </Alert>
      )}
      {result.notCharged.count > 0 && (
        <Alert color="yellow" p="xs">
          {t('usageImport.notCharged', { count: result.notCharged.count })}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * The office imports usage from the browser: a sacct --json file or a pull from the cluster for
 * whole Seoul days. A job reads it and shows what would change; the import itself is a second job,
 * confirmed with a reason, that stores exactly what was shown.
 */
export function UsageImportPanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const yesterday = addDays(seoulDay(Date.now() / 1000), -1);
  const [kind, setKind] = useState<'upload' | 'slurm'>('upload');
  const [file, setFile] = useState<File | null>(null);
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [previewId, setPreviewId] = useState<string | null>(null);
  const [commitId, setCommitId] = useState<string | null>(null);
  const preview = useUsageImportJob(previewId).data?.job;
  const commit = useUsageImportJob(commitId).data?.job;

  useEffect(() => {
    if (commit?.status === 'done') void qc.invalidateQueries();
  }, [commit?.status, qc]);

  const dayProblem = (value: string) => (value && !isCalendarDay(value) ? t('usageImport.errors.day') : null);
  const windowNeeded = kind === 'slurm' && (!first || !last);
  const canPreview =
    !busy && !dayProblem(first) && !dayProblem(last) && !windowNeeded && (kind === 'slurm' || file !== null) && !(first && last && last < first);

  const startPreview = async () => {
    setError(null);
    setBusy(true);
    setPreviewId(null);
    setCommitId(null);
    try {
      let source: UsageSource = { kind: 'slurm' };
      if (kind === 'upload') {
        const { upload } = await uploadSacct(file!);
        source = { kind: 'upload', sha256: upload.sha256, fileName: upload.fileName };
      }
      // the last day is included: the window ends at the next Seoul midnight
      const end = last ? addDays(last, 1) : undefined;
      const res = await requestPreview(source, first || undefined, end);
      setPreviewId(res.job.id);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (reason: string) => {
    setError(null);
    try {
      setCommitId((await requestCommit(previewId!, reason)).job.id);
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  };

  return (
    <Card withBorder data-testid="usage-import">
      <Stack>
        <div>
          <Title order={4}>{t('usageImport.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('usageImport.intro')}
          </Text>
        </div>
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as 'upload' | 'slurm')}
          data={[
            { value: 'upload', label: t('usageImport.fromFile') },
            { value: 'slurm', label: t('usageImport.fromSlurm') },
          ]}
          data-testid="usage-import-kind"
        />
        {kind === 'upload' && (
          <FileInput
            label={t('usageImport.file')}
            placeholder={t('usageImport.filePlaceholder')}
            accept="application/json,.json"
            value={file}
            onChange={setFile}
            data-testid="usage-import-file"
            clearable
          />
        )}
        <Group grow align="flex-start">
          <TextInput
            label={t('usageImport.first')}
            placeholder={yesterday}
            description={kind === 'upload' ? t('usageImport.optionalDays') : undefined}
            value={first}
            onChange={(e) => setFirst(e.currentTarget.value.trim())}
            error={dayProblem(first)}
            data-testid="usage-import-first"
          />
          <TextInput
            label={t('usageImport.last')}
            placeholder={yesterday}
            value={last}
            onChange={(e) => setLast(e.currentTarget.value.trim())}
            error={dayProblem(last) ?? (first && last && last < first ? t('usageImport.errors.order') : null)}
            data-testid="usage-import-last"
          />
        </Group>
        <Group>
          <Button onClick={() => void startPreview()} disabled={!canPreview} loading={busy} data-testid="usage-import-preview-start">
            {t('usageImport.preview')}
          </Button>
        </Group>
        {error && (
          <Alert color="red" data-testid="usage-import-error">
            {error}
          </Alert>
        )}
        {preview && preview.status !== 'done' && <JobLine job={preview} testId="usage-import-preview-job" />}
        {preview?.status === 'done' && preview.result && !commitId && (
          <>
            <ImportPreview result={preview.result} />
            <Group>
              <ConfirmWithPreview<UsageImportResult>
                label={t('usageImport.commit')}
                title={t('usageImport.confirmTitle')}
                testId="usage-import-commit"
                loadPreview={async () => preview.result}
                renderPreview={(r) => <ImportPreview result={r} />}
                reason={{ label: t('usageImport.reason'), minLength: 1 }}
                confirmLabel={t('usageImport.confirm')}
                error={error}
                onConfirm={confirm}
              />
            </Group>
          </>
        )}
        {commit && <JobLine job={commit} testId="usage-import-commit-job" />}
        {commit?.status === 'done' && commit.result && (
          <Alert color="teal" data-testid="usage-import-done">
            {t('usageImport.done', { rows: commit.result.rowsToWrite, replaced: commit.result.rowsReplaced ?? 0 })}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
