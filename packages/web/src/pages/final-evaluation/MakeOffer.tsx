import { Alert, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import type { OfferPreview } from './api';

/**
 * Making an offer (a team's first proposal, or either side's counter-offer): it cannot be edited or
 * taken back once made, so the first click asks the server how it would stand — its days and
 * GPU-hours beside the offer it answers, and who answers next — and only the confirmation sends it.
 */
export function MakeOffer(props: {
  label: string;
  title: string;
  testId: string;
  error: string | null;
  /** sends the offer with this mode; null when the server refused it (the form shows why) */
  send: (mode: 'preview' | 'commit') => Promise<{ offer?: OfferPreview } | null>;
}) {
  const { t } = useTranslation();
  const side = (s: string) => t(`finalEvaluation.thread.sides.${s}`);
  return (
    <ConfirmWithPreview<OfferPreview>
      label={props.label}
      title={props.title}
      testId={props.testId}
      error={props.error}
      loadPreview={async () => (await props.send('preview'))?.offer ?? null}
      renderPreview={(o) => (
        <Stack gap="xs" data-testid="offer-preview">
          <Alert color="blue">
            {t('finalEvaluation.offerPreview.terms', {
              seq: o.seq,
              gpus: o.gpus,
              from: o.startsOn,
              to: o.endsOn,
              days: o.days,
              gpuHours: o.gpuHours.toLocaleString('ko-KR'),
            })}
          </Alert>
          {o.answers && (
            <Text size="sm">
              {t('finalEvaluation.offerPreview.answers', {
                seq: o.answers.seq,
                side: side(o.answers.side),
                gpus: o.answers.gpus,
                from: o.answers.startsOn,
                to: o.answers.endsOn,
              })}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t('finalEvaluation.offerPreview.final', { side: side(o.turnAfter) })}
          </Text>
        </Stack>
      )}
      confirmLabel={t('finalEvaluation.offerPreview.confirm')}
      onConfirm={async () => (await props.send('commit')) !== null}
    />
  );
}
