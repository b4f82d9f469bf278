import { Alert, Button, Card, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { callsContract } from '@stagegate/core/contract/calls';
import { call as callApi } from '../../api/contract-client';
import { pick } from '../../format/time';
import { errorText } from '../../api/error-text';

type StepPreview = ResponseOf<typeof callsContract.state>;

/** Open or close a call: the server's preview of the step (and whose drafts it leaves), then a reason and a confirmation. */
export function CallStepPanel({ program, call, action, onDone }: { program: string; call: string; action: 'open' | 'close'; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const [preview, setPreview] = useState<StepPreview | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = async (mode: 'preview' | 'commit') => {
    setError(null);
    try {
      const res = await callApi(callsContract.state, { params: { program, call }, body: { action, reason, mode } });
      if (mode === 'preview') setPreview(res);
      else {
        await qc.invalidateQueries({ queryKey: ['calls'] });
        onDone();
      }
    } catch (e) {
      setError(errorText(e, i18n));
    }
  };
  return (
    <Card withBorder data-testid={`call-step-${action}`}>
      <Stack gap="xs">
        <Text fw={600}>{t(`officeCalls.step.${action}`)}</Text>
        {error && <Alert color="red">{error}</Alert>}
        {!preview ? (
          <Group>
            <Button variant="light" onClick={() => send('preview')}>
              {t('officeCalls.step.preview')}
            </Button>
          </Group>
        ) : (
          <>
            <Alert color="blue" data-testid="step-preview">
              {pick(preview.change, lang)}
            </Alert>
            {preview.draftsLeft && (
              <Alert color={preview.draftsLeft.count ? 'orange' : 'gray'} data-testid="drafts-left">
                {preview.draftsLeft.count ? t('officeCalls.step.draftsLeft', { count: preview.draftsLeft.count }) : t('officeCalls.step.noDraftsLeft')}
                {preview.draftsLeft.organisations.length > 0 && (
                  <List size="sm" mt={4}>
                    {preview.draftsLeft.organisations.map((o) => (
                      <List.Item key={o.ko}>{pick(o, lang)}</List.Item>
                    ))}
                  </List>
                )}
              </Alert>
            )}
            <Textarea label={t('officeCalls.reason')} withAsterisk value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
            <Group>
              <Button color={action === 'close' ? 'orange' : 'teal'} disabled={!reason.trim()} onClick={() => send('commit')}>
                {t(`officeCalls.step.confirm.${action}`)}
              </Button>
              <Button variant="default" onClick={onDone}>
                {t('officeCalls.cancel')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
