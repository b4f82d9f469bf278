import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { useTranslation } from 'react-i18next';
import { formatInstant, pick } from '../../format/time';
import { stageEvaluationsContract as c, type AppealResolution, type EvaluationView } from './api';
import { pathOf } from '../../api/contract-client';
import { useMutationCall } from '../../api/use-mutation-call';

/**
 * Both answers are previewed and confirmed with a reason: rejecting keeps the published decision and
 * tells the team why; upholding reopens the decision.
 */
function Resolve({ view, appealId, team }: { view: EvaluationView; appealId: string; team: string }) {
  const { t } = useTranslation();
  const reject = useMutationCall();
  const uphold = useMutationCall();
  const url = pathOf(c.resolveAppeal, { params: { id: view.evaluation.id, appealId } });
  return (
    <Group align="flex-end" mt="xs">
      <ConfirmWithPreview<AppealResolution>
        testId={`reject-${appealId}`}
        label={t('stageEvaluation.appeals.reject')}
        title={t('stageEvaluation.appeals.rejectTitle')}
        confirmLabel={t('stageEvaluation.appeals.reject')}
        variant="default"
        busy={reject.busy}
        error={reject.error}
        reason={{ label: t('stageEvaluation.appeals.rejectReason'), minLength: 10 }}
        loadPreview={() => reject.send<AppealResolution>('POST', url, { outcome: 'rejected', reason: 'preview only — no reason yet', mode: 'preview' })}
        renderPreview={() => <Text size="sm">{t('stageEvaluation.appeals.rejectPreview', { team })}</Text>}
        onConfirm={async (why) => !!(await reject.send('POST', url, { outcome: 'rejected', reason: why, mode: 'commit' }))}
      />
      <ConfirmWithPreview<AppealResolution>
        testId={`uphold-${appealId}`}
        label={t('stageEvaluation.appeals.uphold')}
        title={t('stageEvaluation.appeals.upholdTitle')}
        confirmLabel={t('stageEvaluation.appeals.uphold')}
        color="teal"
        busy={uphold.busy}
        error={uphold.error}
        reason={{ label: t('stageEvaluation.appeals.upholdReason'), minLength: 10 }}
        loadPreview={() => uphold.send<AppealResolution>('POST', url, { outcome: 'upheld', reason: 'preview only — no reason yet', mode: 'preview' })}
        renderPreview={() => <Text size="sm">{t('stageEvaluation.appeals.upholdPreview', { team })}</Text>}
        onConfirm={async (why) => !!(await uphold.send('POST', url, { outcome: 'upheld', reason: why, mode: 'commit' }))}
      />
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
          <Text size="xs" c="dimmed">
            {formatInstant(a.filedAt, lang)}
          </Text>
          <Text mt="xs">{a.grounds}</Text>
          {a.resolution && (
            <Text mt="xs" size="sm">
              {t('stageEvaluation.appeals.resolution')}: {a.resolution}
            </Text>
          )}
          {canResolve && a.status === 'open' && (
            <Resolve view={view} appealId={a.id} team={pick(view.teams.find((x) => x.key === a.team)?.name, lang) || a.team} />
          )}
        </Card>
      ))}
    </Stack>
  );
}
