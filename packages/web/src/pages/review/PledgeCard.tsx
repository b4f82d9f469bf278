import { Alert, Button, Card, Checkbox, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/contract-client';
import { formatInstant, pick } from '../../format/time';
import { reviewContract } from './api';
import { Issues } from './errors';

/** The round's conflict-of-interest pledge: read, tick, accept; the round's proposals open only after it. */
export function PledgeCard({ roundId, onAccepted }: { roundId: string; onAccepted: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const view = useQuery({ queryKey: ['review', 'pledge', roundId], queryFn: () => call(reviewContract.pledge, { params: { roundId } }) });
  const [ticked, setTicked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const accept = async () => {
    setError(null);
    try {
      await call(reviewContract.acceptPledge, { params: { roundId }, body: { accept: true, locale: lang === 'en' ? 'en' : 'ko' } });
      await view.refetch();
      onAccepted();
    } catch (e) {
      setError(e);
    }
  };
  const v = view.data;
  if (!v) return null;
  if (v.acceptedAt)
    return (
      <Alert color="green" data-testid="pledge-accepted">
        {t('review.pledge.acceptedAt', { at: formatInstant(v.acceptedAt, lang) })}
      </Alert>
    );
  return (
    <Card withBorder padding="md" data-testid="pledge">
      <Stack>
        <Title order={3}>{t('review.pledge.title', { round: pick(v.round.name, lang) })}</Title>
        <Text size="sm">{t('review.pledge.why')}</Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="pledge-text">
          {pick(v.text, lang)}
        </Text>
        <Checkbox label={t('review.pledge.tick')} checked={ticked} onChange={(e) => setTicked(e.currentTarget.checked)} data-testid="pledge-tick" />
        <Button onClick={accept} disabled={!ticked} w="fit-content" data-testid="pledge-accept">
          {t('review.pledge.accept')}
        </Button>
        <Issues error={error} testId="pledge-error" />
      </Stack>
    </Card>
  );
}
