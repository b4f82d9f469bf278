import { Alert, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call as callRoute } from '../../api/contract-client';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { ChangePreview } from '../allocations/ChangePreview';
import { finalEvaluationsContract as c, type AcceptancePreview } from './api';
import { errorText } from '../../api/error-text';

/** Accepting an offer closes the negotiation and creates the allocation: previewed (who gains how many GPUs, from when), then confirmed. */
export function AcceptOffer({ proposalId, offerSeq, onDone }: { proposalId: string; offerSeq: number; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const call = async (mode: 'preview' | 'commit') => {
    setError(null);
    try {
      return await callRoute(c.accept, { params: { id: proposalId }, body: { offerSeq, mode } });
    } catch (e) {
      setError(errorText(e, i18n));
      return null;
    }
  };
  return (
    <ConfirmWithPreview<AcceptancePreview>
      label={t('finalEvaluation.thread.accept')}
      title={t('confirmSteps.acceptOffer.title', { seq: offerSeq })}
      color="green"
      variant="filled"
      testId="accept-offer"
      error={error}
      loadPreview={async () => {
        const p = await call('preview');
        return p && 'agreement' in p ? p : null;
      }}
      renderPreview={(p) => (
        <Stack gap="xs">
          <Alert color="blue" data-testid="accept-gains">
            {t('confirmSteps.acceptOffer.gains', { task: p.agreement.taskKey, gpus: p.agreement.gpus, from: p.agreement.startsOn, to: p.agreement.endsOn })}
          </Alert>
          {p.changes.length > 0 && <ChangePreview changes={p.changes} />}
          <Text size="sm" c="dimmed">
            {t('confirmSteps.acceptOffer.final')}
          </Text>
        </Stack>
      )}
      confirmLabel={t('confirmSteps.acceptOffer.confirm')}
      onConfirm={async () => {
        if (!(await call('commit'))) return false;
        await qc.invalidateQueries();
        onDone(t('finalEvaluation.thread.acceptedMessage'));
        return true;
      }}
    />
  );
}
