import { Badge, Group, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallAction } from '@stagegate/core/call/call-state';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { callsContract } from '@stagegate/core/contract/calls';
import { call as callApi } from '../../api/contract-client';
import { errorText } from '../../api/error-text';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { formatInstant, pick } from '../../format/time';

type StepPreview = ResponseOf<typeof callsContract.state>;

function useCallStatus(program: string, call: string) {
  return useQuery({
    queryKey: ['review', program, call, 'call-status'],
    queryFn: () => callApi(callsContract.get, { params: { program, call } }).then((r) => r.call),
  });
}

/**
 * Where the call stands (open, closed, under review, published) and the office's next steps — close
 * early, start the review, publish or withdraw the results — each previewed, reasoned and confirmed.
 * Which steps are offered is the core's rule (the call's `actions`), never the screen's own.
 */
export function CallStatePanel({ program, call }: { program: string; call: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const status = useCallStatus(program, call);
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const s = status.data;
  if (!s) return null;
  const step = (action: CallAction, mode: 'preview' | 'commit', reason: string) =>
    callApi(callsContract.state, { params: { program, call }, body: { action, mode, reason } });
  return (
    <Group gap="xs" data-testid="call-state">
      <Text size="sm">{t('review.callState.label')}</Text>
      <Badge variant="light" data-testid="call-state-badge">
        {pick(s.stateLabel, lang)}
      </Badge>
      <Text size="sm" c="dimmed">
        {t('review.callState.window', { opens: formatInstant(s.opens, lang), closes: formatInstant(s.closes, lang) })}
      </Text>
      {s.actions.map((action) => (
        <ConfirmWithPreview<StepPreview>
          key={action}
          label={t(`review.callState.actions.${action}`)}
          title={t(`review.callState.titles.${action}`)}
          variant="light"
          color={action === 'withdraw_results' ? 'red' : undefined}
          testId={`call-step-${action}`}
          error={error}
          reason={{ label: t('review.common.reason'), minLength: 5 }}
          loadPreview={async () => {
            setError(null);
            try {
              return await step(action, 'preview', '');
            } catch (e) {
              setError(errorText(e, i18n));
              return null;
            }
          }}
          renderPreview={(p) => (
            <>
              <Text data-testid="call-step-preview">{pick(p.change, lang)}</Text>
              {p.publishes && <Text data-testid="call-step-publishes">{t('review.callState.publishes', p.publishes)}</Text>}
              {p.publishes?.noSelection && (
                <Text data-testid="call-step-no-selection">
                  {t('review.callState.publishesNoSelection', { outcome: pick(p.publishes.noSelection.label, lang), reason: p.publishes.noSelection.reason })}
                </Text>
              )}
              <Text size="sm" c="dimmed">
                {t(`review.callState.consequences.${action}`)}
              </Text>
            </>
          )}
          confirmLabel={t(`review.callState.actions.${action}`)}
          onConfirm={async (reason) => {
            setError(null);
            try {
              await step(action, 'commit', reason);
              await qc.invalidateQueries({ queryKey: ['review'] });
              return true;
            } catch (e) {
              setError(errorText(e, i18n));
              return false;
            }
          }}
        />
      ))}
    </Group>
  );
}
