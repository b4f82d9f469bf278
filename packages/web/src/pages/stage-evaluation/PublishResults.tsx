import { Alert, Badge, Card, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { formatInstant, pick } from '../../format/time';
import { useMutationCall } from '../../api/use-mutation-call';
import { pathOf } from '../../api/contract-client';
import { stageEvaluationsContract as c, type PublishPreview } from './api';

/**
 * Publishing a confirmed decision makes it public record and opens the appeal window: the first
 * click asks the server what would be published and when appeals would close; it happens only
 * after an explicit confirmation.
 */
export function PublishResults({ evaluationId }: { evaluationId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const m = useMutationCall();
  const url = pathOf(c.publish, { params: { id: evaluationId } });
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Text>{t('stageEvaluation.publishHint')}</Text>
        <ConfirmWithPreview<PublishPreview>
          label={t('stageEvaluation.publish')}
          title={t('confirmSteps.publishStage.title')}
          color="green"
          testId="publish-stage"
          error={m.error}
          loadPreview={() => m.send<PublishPreview>('POST', url, { mode: 'preview' })}
          renderPreview={(p) => {
            const continuing = p.outcomes.filter((o) => o.outcome === 'continue');
            const eliminated = p.outcomes.filter((o) => o.outcome === 'eliminate');
            return (
              <Stack gap="xs">
                <div data-testid="publish-continue">
                  <Text size="sm" fw={600}>
                    {t('confirmSteps.publishStage.continue', { n: continuing.length })}
                  </Text>
                  <List size="sm">
                    {continuing.map((o) => (
                      <List.Item key={o.taskKey}>
                        {t('confirmSteps.publishStage.rank', { rank: o.rank })} {pick(o.name, lang)} · {o.total}
                      </List.Item>
                    ))}
                  </List>
                </div>
                <div data-testid="publish-eliminate">
                  <Text size="sm" fw={600}>
                    {t('confirmSteps.publishStage.eliminate', { n: eliminated.length })}
                  </Text>
                  <List size="sm">
                    {eliminated.map((o) => (
                      <List.Item key={o.taskKey}>
                        {t('confirmSteps.publishStage.rank', { rank: o.rank })} {pick(o.name, lang)} · {o.total}{' '}
                        <Badge size="xs" color="red" variant="light">
                          {t('stageEvaluation.outcome.eliminate')}
                        </Badge>
                      </List.Item>
                    ))}
                  </List>
                </div>
                <Alert color="blue" data-testid="publish-appeal">
                  {t('confirmSteps.publishStage.appeal', { days: p.appealDays, closes: formatInstant(p.appealClosesAt, lang) })}
                </Alert>
                <Text size="sm" c="dimmed">
                  {t('confirmSteps.publishStage.public')}
                </Text>
              </Stack>
            );
          }}
          confirmLabel={t('confirmSteps.publishStage.confirm')}
          onConfirm={async () => (await m.send<{ status: string }>('POST', url, { mode: 'commit' })) !== null}
        />
      </Group>
    </Card>
  );
}
