import { AppShell, Badge, Burger, Button, Group, NavLink, ScrollArea, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useSession, useSessionActions } from '../api/session';
import { notificationsContract } from '@stagegate/core/contract/notifications';
import { call } from '../api/contract-client';
import { setLanguage } from '../i18n';
import { areas } from '../areas';
import { NotificationBell } from '../components/NotificationBell';
import { VerifyEmailBanner } from '../components/VerifyEmailBanner';

/** Header for who and which language; the areas' links in a side bar, so many areas never crowd the header. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const { data: actor } = useSession();
  const { signOut } = useSessionActions();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const links = areas.flatMap((a) => a.nav ?? []).filter((n) => n.visible(actor));
  const switchLanguage = (lang: 'ko' | 'en') => {
    // a failed fetch of the English messages leaves the page as it was; choosing again tries again
    void setLanguage(lang).catch(() => undefined);
    // mail follows the language chosen here
    if (actor) void call(notificationsContract.setLocale, { body: { locale: lang } }).catch(() => undefined);
  };
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Title order={3}>
              <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>
                {t('app.name')}
              </Link>
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {/* on a phone one button switches to the other language, so the header fits */}
            <Button
              size="compact-xs"
              variant="default"
              hiddenFrom="sm"
              aria-label={t('nav.language')}
              onClick={() => switchLanguage(i18n.language === 'en' ? 'ko' : 'en')}
            >
              {i18n.language === 'en' ? '한국어' : 'EN'}
            </Button>
            <SegmentedControl
              visibleFrom="sm"
              size="xs"
              aria-label={t('nav.language')}
              value={i18n.language}
              onChange={(v) => switchLanguage(v as 'ko' | 'en')}
              data={[
                { value: 'ko', label: '한국어' },
                { value: 'en', label: 'English' },
              ]}
            />
            {actor ? (
              <>
                <NotificationBell />
                <Badge variant="light" visibleFrom="sm">
                  {t(`roles.${actor.role}`)}
                </Badge>
                <Text size="sm" data-testid="signed-in-as" visibleFrom="md">
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
      <AppShell.Navbar p="xs">
        {/* the office's menu is longer than a laptop screen: it scrolls on its own, the page stays put */}
        <AppShell.Section grow component={ScrollArea} data-testid="nav-scroll">
          <Stack gap={2}>
            {links.map((n) => (
              <NavLink
                key={n.to}
                component={Link}
                to={n.to}
                label={t(n.labelKey)}
                active={n.to === '/' ? location.pathname === '/' : location.pathname.startsWith(n.to)}
                onClick={close}
              />
            ))}
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <VerifyEmailBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
