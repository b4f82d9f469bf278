import { Alert, Anchor, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';

/** Asks for a reset mail; answered alike whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api('/api/auth/request-password-reset', { method: 'POST', body: { email } });
    } finally {
      setBusy(false);
      setSent(true);
    }
  };
  return (
    <Card withBorder maw={420} mx="auto" mt="xl">
      <form onSubmit={submit}>
        <Stack>
          <Title order={3}>{t('account.forgot.title')}</Title>
          {sent ? (
            <Alert data-testid="reset-requested">{t('account.forgot.sent')}</Alert>
          ) : (
            <>
              <Text size="sm">{t('account.forgot.intro')}</Text>
              <TextInput label={t('auth.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
              <Button type="submit" loading={busy}>
                {t('account.forgot.submit')}
              </Button>
            </>
          )}
        </Stack>
      </form>
    </Card>
  );
}

/** The page a reset mail links to: a new password for the token in the address. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [state, setState] = useState<'idle' | 'done' | 'failed'>('idle');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('/api/auth/reset-password', { method: 'POST', body: { newPassword: password, token } });
      setState('done');
    } catch {
      setState('failed');
    }
  };
  return (
    <Card withBorder maw={420} mx="auto" mt="xl">
      <form onSubmit={submit}>
        <Stack>
          <Title order={3}>{t('account.reset.title')}</Title>
          {!token && <Alert color="red">{t('account.reset.noToken')}</Alert>}
          {state === 'failed' && <Alert color="red">{t('account.reset.failed')}</Alert>}
          {state === 'done' ? (
            <Alert color="green">
              {t('account.reset.done')}{' '}
              <Anchor component={Link} to="/sign-in">
                {t('auth.signIn')}
              </Anchor>
            </Alert>
          ) : (
            <>
              <PasswordInput
                label={t('account.reset.newPassword')}
                description={t('account.reset.rule')}
                required
                minLength={8}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" disabled={!token}>
                {t('account.reset.submit')}
              </Button>
            </>
          )}
        </Stack>
      </form>
    </Card>
  );
}
