import { Alert, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationsContract } from '@stagegate/core/contract/notifications';
import { ApiRequestError } from '../api/client';
import { call } from '../api/contract-client';
import { useSession } from '../api/session';

/** Shown to an account that has not confirmed its address yet, with a button for a new link. */
export function VerifyEmailBanner() {
  const { t } = useTranslation();
  const { data: actor } = useSession();
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'tooSoon' | 'failed' } | { kind: 'sent'; hours: number }>({ kind: 'idle' });
  if (!actor || actor.emailVerified !== false) return null;
  const resend = async () => {
    setState({ kind: 'busy' });
    try {
      const res = await call(notificationsContract.resendVerification, { body: { mode: 'commit' } });
      setState({ kind: 'sent', hours: res.validHours });
    } catch (e) {
      setState({ kind: e instanceof ApiRequestError && e.status === 429 ? 'tooSoon' : 'failed' });
    }
  };
  return (
    <Alert color="yellow" mb="md" data-testid="verify-email-banner">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm">{t('emailVerification.banner', { email: actor.email })}</Text>
        <Button size="xs" variant="default" loading={state.kind === 'busy'} onClick={resend}>
          {t('emailVerification.resend')}
        </Button>
      </Group>
      {state.kind === 'sent' && (
        <Text size="sm" mt="xs" role="status">
          {t('emailVerification.resent', { email: actor.email, hours: state.hours })}
        </Text>
      )}
      {state.kind === 'tooSoon' && (
        <Text size="sm" mt="xs" role="status">
          {t('emailVerification.tooSoon')}
        </Text>
      )}
      {state.kind === 'failed' && (
        <Text size="sm" mt="xs" c="red" role="status">
          {t('emailVerification.resendFailed')}
        </Text>
      )}
    </Alert>
  );
}
