import { Alert, Anchor, Card, Group, Loader, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useSession } from '../../api/session';

/** The page a confirmation mail links to: hands the token to better-auth and says how it went. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const qc = useQueryClient();
  const { data: actor } = useSession();
  const [state, setState] = useState<'checking' | 'done' | 'failed'>('checking');
  useEffect(() => {
    if (!token) return;
    let live = true;
    api(`/api/auth/verify-email?token=${encodeURIComponent(token)}`)
      .then(async () => {
        await qc.invalidateQueries();
        if (live) setState('done');
      })
      .catch(() => live && setState('failed'));
    return () => {
      live = false;
    };
  }, [token, qc]);
  return (
    <Card withBorder maw={480} mx="auto" mt="xl">
      <Stack>
        <Title order={3}>{t('emailVerification.title')}</Title>
        {!token && <Alert color="red">{t('emailVerification.noToken')}</Alert>}
        {token && state === 'checking' && (
          <Group gap="xs">
            <Loader size="sm" />
            {t('emailVerification.checking')}
          </Group>
        )}
        {state === 'done' && (
          <Alert color="green" data-testid="email-verified">
            {t('emailVerification.done')}
          </Alert>
        )}
        {state === 'failed' && <Alert color="red">{t('emailVerification.failed')}</Alert>}
        <Group>
          <Anchor component={Link} to="/">
            {t('emailVerification.toHome')}
          </Anchor>
          {!actor && (
            <Anchor component={Link} to="/sign-in">
              {t('emailVerification.toSignIn')}
            </Anchor>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
