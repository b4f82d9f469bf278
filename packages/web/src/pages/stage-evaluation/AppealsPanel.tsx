import { Alert, Badge, Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant, pick } from '../../format/time';
import type { EvaluationView } from './api';
import { useMutationCall } from '../../api/use-mutation-call';

function Resolve({ view, appealId }: { view: EvaluationView; appealId: string }) {
  const { t } = useTranslation();
  const { send, error, busy, issueFor } = useMutationCall();
  const [outcome, setOutcome] = useState<string | null>('rejected');
  const [reason, setReason] = useState('');
  return (
    <Group align="flex-end" mt="xs">
      <Select label={t('stageEvaluation.appeals.outcome')} value={outcome} onChange={setOutcome} data={['upheld', 'rejected'].map((v) => ({ value: v, label: t(`stageEvaluation.appeals.status.${v}`) }))} />
      <Textarea label={t('stageEvaluation.appeals.resolution')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={issueFor('reason')} w={420} />
      <Button loading={busy} onClick={() => send('POST', `/api/v1/stage-evaluations/${view.evaluation.id}/appeals/${appealId}/resolution`, { outcome, reason, mode: 'commit' })}>
        {t('stageEvaluation.appeals.resolve')}
      </Button>
      {error && !issueFor('reason') && <Alert color="red">{error}</Alert>}
    </Group>
  );
}

export function AppealsPanel({ view, canResolve }: { view: EvaluationView; canResolve: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (view.appeals.length === 0) return <Text c="dimmed">{t('stageEvaluation.appeals.none')}</Text>;
  return (
    <Stack>
      {view.appeals.map((a) => (
        <Card withBorder key={a.id}>
          <Group justify="space-between">
            <Title order={5}>{pick(view.teams.find((x) => x.key === a.team)?.name, lang)}</Title>
            <Badge color={a.status === 'open' ? 'yellow' : a.status === 'upheld' ? 'teal' : 'gray'}>{t(`stageEvaluation.appeals.status.${a.status}`)}</Badge>
          </Group>
          <Text size="xs" c="dimmed">{formatInstant(a.filedAt, lang)}</Text>
          <Text mt="xs">{a.grounds}</Text>
          {a.resolution && <Text mt="xs" size="sm">{t('stageEvaluation.appeals.resolution')}: {a.resolution}</Text>}
          {canResolve && a.status === 'open' && <Resolve view={view} appealId={a.id} />}
        </Card>
      ))}
    </Stack>
  );
}
