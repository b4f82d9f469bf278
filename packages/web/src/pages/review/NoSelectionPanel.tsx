import { Alert, Card, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call as callApi } from '../../api/contract-client';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { issuesText } from '../../api/issue-text';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { formatInstant, pick } from '../../format/time';
import { reviewContract, useRefreshReview, type Ranking } from './api';
import { issuesOf } from './errors';

/**
 * An additional call's terms (the slot it fills, its GPU offer, the majority rule) and its
 * "no one selected" outcome: recorded through a preview and a confirmation with the reason.
 */
export function NoSelectionPanel({ program, call, ranking }: { program: string; call: string; ranking: Ranking }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const refresh = useRefreshReview();
  const [error, setError] = useState<unknown>(null);
  const terms = ranking.additional!;
  const send = async (mode: 'preview' | 'commit', reason: string) => {
    setError(null);
    try {
      const res = await callApi(reviewContract.noSelection, { params: { program, call }, body: { reason, mode } });
      if (mode === 'commit') await refresh();
      return res;
    } catch (e) {
      setError(e);
      return null;
    }
  };
  const offer = terms.gpuOffer.reduce((s, o) => s + o.gpus, 0);
  return (
    <Card withBorder padding="md" data-testid="additional-call">
      <Stack gap="xs">
        <Text fw={600}>{t('review.additional.title')}</Text>
        <Text size="sm">{t('review.additional.terms', { call: pick(terms.fills.name, lang), slots: terms.fills.slots, gpus: offer })}</Text>
        <Text size="sm">{t('review.additional.rule', { points: terms.decisionRule.recommendAtPoints })}</Text>
        {ranking.noSelection ? (
          <Alert color="gray" data-testid="no-selection-recorded" title={pick(ranking.noSelection.label, lang)}>
            {ranking.noSelection.reason}
            {ranking.noSelection.at && ` (${formatInstant(ranking.noSelection.at, lang)})`}
          </Alert>
        ) : (
          terms.allowNoSelection && (
            <div>
              <ConfirmWithPreview<ResponseOf<typeof reviewContract.noSelection>>
                label={t('review.additional.record')}
                title={t('review.additional.confirmTitle')}
                color="gray"
                variant="light"
                testId="no-selection"
                disabled={!!ranking.publishedAt}
                error={error ? issuesText(issuesOf(error), i18n) : null}
                loadPreview={() => send('preview', '')}
                renderPreview={(p) => (
                  <Stack gap={4}>
                    <Text size="sm">{t('review.additional.previewRejected', { count: p.rejected.length })}</Text>
                    {p.rejected.length > 0 && <Text size="sm">{p.rejected.map((r) => r.label).join(', ')}</Text>}
                    <Text size="sm">{t('review.additional.previewOffer', { gpus: p.offerReturned.reduce((s, o) => s + o.gpus, 0) })}</Text>
                  </Stack>
                )}
                reason={{ label: t('review.additional.reason'), minLength: 1 }}
                confirmLabel={t('review.additional.confirm')}
                onConfirm={async (reason) => (await send('commit', reason)) !== null}
              />
            </div>
          )
        )}
      </Stack>
    </Card>
  );
}
