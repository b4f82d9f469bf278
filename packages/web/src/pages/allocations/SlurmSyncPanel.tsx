import { Alert, Badge, Card, Checkbox, Code, Group, Loader, Progress, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../api/client';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { formatDate } from '../../format/time';
import { applySlurmPlan, loadSlurmPlan, useSlurmApplyJob, useSlurmPlan, type SlurmStep, type SlurmSyncPlan } from './slurm-sync-api';

const kinds = ['create', 'modify', 'remove'] as const;
const kindColor = { create: 'teal', modify: 'blue', remove: 'red' } as const;
const knownErrors = ['stale_plan', 'apply_in_progress', 'nothing_to_enforce', 'scheduler_unreachable', 'no_cluster', 'unsafe_name', 'invalid_desired'];

/** An API refusal in the reader's language: the service's codes have their own messages. */
function useErrorText() {
  const { t } = useTranslation();
  return (e: unknown) => {
    const code = e instanceof ApiRequestError ? e.code : '';
    return t(`allocations.slurmSync.errors.${knownErrors.includes(code) ? code : 'other'}`);
  };
}

/** The plan's steps grouped by what they do, destructive ones marked, each with its exact command. */
function PlanDiff({ plan }: { plan: SlurmSyncPlan }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ko';
  return (
    <Stack gap="sm" data-testid="slurm-plan-diff">
      <Text size="sm">{t('allocations.slurmSync.summary', plan.summary)}</Text>
      {plan.summary.skipped > 0 && (
        <Alert color="yellow" p="xs">
          {t('allocations.slurmSync.skippedNote', { count: plan.summary.skipped })}
        </Alert>
      )}
      {kinds.map((kind) => {
        const steps = plan.steps.filter((s) => s.kind === kind);
        if (steps.length === 0) return null;
        return (
          <Stack key={kind} gap={4} data-testid={`slurm-steps-${kind}`}>
            <Group gap={6}>
              <Badge color={kindColor[kind]} variant="light">
                {t(`allocations.slurmSync.groups.${kind}`)}
              </Badge>
              <Text size="sm" c="dimmed">
                {t('allocations.slurmSync.stepCount', { count: steps.length })}
              </Text>
            </Group>
            {steps.map((s: SlurmStep, i) => (
              <Stack key={i} gap={2} pl="sm" data-testid="slurm-step">
                <Group gap={6}>
                  <Text size="sm">{s.description[lang]}</Text>
                  {s.destructive && (
                    <Badge color="red" size="xs" data-testid="slurm-step-destructive">
                      {t('allocations.slurmSync.destructive')}
                    </Badge>
                  )}
                  {s.skipped && (
                    <Badge color="gray" size="xs">
                      {t('allocations.slurmSync.skipped')}
                    </Badge>
                  )}
                </Group>
                <Code>{s.argv.join(' ')}</Code>
              </Stack>
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}

/** An apply job's progress until it is done or failed; then the plan is read again. */
function JobProgress({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data } = useSlurmApplyJob(jobId);
  const status = data?.job.status;
  useEffect(() => {
    if (status === 'done' || status === 'failed') void qc.invalidateQueries({ queryKey: ['slurm-plan'] });
  }, [status, qc]);
  if (!data) return <Loader size="sm" />;
  const { done = 0, total = 0 } = data.job.progress ?? {};
  return (
    <Stack gap={4} data-testid="slurm-job">
      <Group gap={6}>
        <Text size="sm" fw={500}>
          {t('allocations.slurmSync.job.title')}
        </Text>
        <Badge color={status === 'failed' ? 'red' : status === 'done' ? 'teal' : 'blue'} data-testid="slurm-job-status">
          {t(`allocations.slurmSync.job.${data.job.status}`)}
        </Badge>
        {total > 0 && <Text size="sm">{t('allocations.slurmSync.job.progress', { done, total })}</Text>}
      </Group>
      {total > 0 && <Progress value={(100 * done) / total} color={status === 'failed' ? 'red' : 'teal'} />}
      {status === 'done' && data.result && (
        <Alert color="teal" p="xs" data-testid="slurm-job-done">
          {t('allocations.slurmSync.job.doneMessage', { applied: data.result.applied })}
          {data.result.unchanged > 0 && ` ${t('allocations.slurmSync.job.doneUnchanged', { unchanged: data.result.unchanged })}`}
        </Alert>
      )}
      {status === 'failed' && (
        <Alert color="red" p="xs" data-testid="slurm-job-failed">
          {t('allocations.slurmSync.job.failedMessage')}
          <Text size="xs" c="dimmed" mt={4}>
            {data.job.error}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}

/**
 * The office's view of what Slurm must change to enforce today's allocations, and the one way to
 * apply it: preview, confirm, then a job applies exactly the previewed plan (its digest) or refuses.
 */
export function SlurmSyncPanel() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [allowDestructive, setAllowDestructive] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const plan = useSlurmPlan(allowDestructive);

  const loadPreview = async () => {
    setError(null);
    try {
      return await loadSlurmPlan(allowDestructive);
    } catch (e) {
      setError(errorText(e));
      return null;
    }
  };
  const confirm = async (_reason: string, preview: SlurmSyncPlan) => {
    setError(null);
    try {
      const res = await applySlurmPlan(preview.digest, allowDestructive);
      setJobId(res.jobId);
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  };

  return (
    <Card withBorder data-testid="slurm-sync">
      <Stack>
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={4}>{t('allocations.slurmSync.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('allocations.slurmSync.intro')}
            </Text>
          </div>
          {plan.data?.source.kind === 'database' && (
            <Text size="sm" c="dimmed">
              {t('allocations.slurmSync.day', { day: formatDate(plan.data.source.day, i18n.language) })}
            </Text>
          )}
        </Group>
        <Checkbox
          label={t('allocations.slurmSync.allowDestructive')}
          checked={allowDestructive}
          onChange={(e) => setAllowDestructive(e.currentTarget.checked)}
          data-testid="slurm-allow-destructive"
        />
        {plan.isLoading && <Loader size="sm" />}
        {plan.error && <Alert color="red">{errorText(plan.error)}</Alert>}
        {plan.data &&
          (plan.data.empty && plan.data.steps.length === 0 ? (
            <Alert color="teal" data-testid="slurm-in-sync">
              {t('allocations.slurmSync.inSync')}
            </Alert>
          ) : (
            <PlanDiff plan={plan.data} />
          ))}
        <Group>
          <ConfirmWithPreview<SlurmSyncPlan>
            label={t('allocations.slurmSync.apply')}
            title={t('allocations.slurmSync.confirmTitle')}
            testId="slurm-apply"
            disabled={!plan.data || plan.data.empty}
            error={error}
            loadPreview={loadPreview}
            renderPreview={(p) => (
              <Stack gap="xs">
                <PlanDiff plan={p} />
                <Text size="sm" c="dimmed">
                  {t('allocations.slurmSync.confirmNote')}
                </Text>
              </Stack>
            )}
            confirmLabel={t('allocations.slurmSync.confirm')}
            onConfirm={confirm}
          />
        </Group>
        {jobId && <JobProgress key={jobId} jobId={jobId} />}
      </Stack>
    </Card>
  );
}
