import { Alert, Anchor, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useSessionActions } from '../api/session';

export function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useSessionActions();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await signIn(email, password);
      navigate('/');
    } catch {
      setFailed(true);
    }
  };
  return (
    <Card withBorder maw={420} mx="auto" mt="xl">
      <form onSubmit={submit}>
        <Stack>
          <Title order={3}>{t('auth.signIn')}</Title>
          {failed && <Alert color="red">{t('auth.failed')}</Alert>}
          <TextInput label={t('auth.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput label={t('auth.password')} required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit">{t('auth.signIn')}</Button>
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('account.forgotLink')}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('auth.demo')}
          </Text>
        </Stack>
      </form>
    </Card>
  );
}

export function SignUpPage() {
  const { t } = useTranslation();
  const { signUp } = useSessionActions();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await signUp(name, email, password);
      navigate('/');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Card withBorder maw={420} mx="auto" mt="xl">
      <form onSubmit={submit}>
        <Stack>
          <Title order={3}>{t('auth.signUp')}</Title>
          {error && <Alert color="red">{t('auth.signUpFailed', { message: error })}</Alert>}
          <TextInput label={t('auth.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput label={t('auth.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput label={t('auth.password')} required minLength={8} value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit">{t('auth.signUp')}</Button>
        </Stack>
      </form>
    </Card>
  );
}
