import { AppShell, Badge, Button, Group, SegmentedControl, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router-dom';
import { useSession, useSessionActions } from '../api/session';
import { setLanguage } from '../i18n';
import { areas } from '../areas';

export function Shell() {
  const { t, i18n } = useTranslation();
  const { data: actor } = useSession();
  const { signOut } = useSessionActions();
  const navigate = useNavigate();
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="lg">
            <Title order={3}>
              <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>
                {t('app.name')}
              </Link>
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="sm">
              {t('app.tagline')}
            </Text>
            {areas
              .flatMap((a) => a.nav ?? [])
              .filter((n) => n.visible(actor))
              .map((n) => (
                <Link key={n.to} to={n.to}>
                  {t(n.labelKey)}
                </Link>
              ))}
          </Group>
          <Group gap="sm">
            <SegmentedControl
              size="xs"
              aria-label={t('nav.language')}
              value={i18n.language}
              onChange={(v) => setLanguage(v as 'ko' | 'en')}
              data={[
                { value: 'ko', label: '한국어' },
                { value: 'en', label: 'English' },
              ]}
            />
            {actor ? (
              <>
                <Badge variant="light">{t(`roles.${actor.role}`)}</Badge>
                <Text size="sm" data-testid="signed-in-as">
                  {actor.email}
                </Text>
                <Button size="xs" variant="default" onClick={async () => (await signOut(), navigate('/'))}>
                  {t('nav.signOut')}
                </Button>
              </>
            ) : (
              <>
                <Button size="xs" component={Link} to="/sign-in">
                  {t('nav.signIn')}
                </Button>
                <Button size="xs" variant="default" component={Link} to="/sign-up">
                  {t('nav.signUp')}
                </Button>
              </>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
