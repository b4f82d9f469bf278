import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { useNotifications, useMarkRead } from './api';

/** My notifications, newest first: what happened, when, and where to look. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const { data, isLoading, error } = useNotifications();
  const mark = useMarkRead();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('notifications.title')}</Title>
        {!!data?.unread && (
          <Button size="xs" variant="default" onClick={() => mark.mutate('all')} loading={mark.isPending}>
            {t('notifications.markAllRead')}
          </Button>
        )}
      </Group>
      <Text c="dimmed">{t('notifications.intro')}</Text>
      <QueryState isLoading={isLoading} error={error} />
      {data?.notifications.length === 0 && <Alert>{t('notifications.none')}</Alert>}
      {data?.notifications.map((n) => (
        <Card
          key={n.id}
          withBorder
          data-testid="notification"
          data-unread={n.readAt ? undefined : 'true'}
          bg={n.readAt ? undefined : 'var(--mantine-color-blue-light)'}
        >
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={4}>
              <Group gap="xs">
                {!n.readAt && <Badge size="xs">{t('notifications.new')}</Badge>}
                <Text fw={600}>{pick(n.title, i18n.language)}</Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {pick(n.text, i18n.language)}
              </Text>
              <Text size="xs" c="dimmed">
                {formatInstant(n.createdAt, i18n.language)}
              </Text>
            </Stack>
            <Stack gap={4} align="flex-end">
              {n.link && (
                <Anchor component={Link} to={n.link} size="sm" onClick={() => !n.readAt && mark.mutate(n.id)}>
                  {t('notifications.open')}
                </Anchor>
              )}
              {!n.readAt && (
                <Button size="compact-xs" variant="subtle" onClick={() => mark.mutate(n.id)}>
                  {t('notifications.markRead')}
                </Button>
              )}
            </Stack>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
