import { Anchor, Card, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { OFFICE_LISTS } from './OfficeListTabs';

/** The office home's way to its lists. */
export function OfficeListLinks() {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" data-testid="office-list-links">
      <Text fw={600}>{t('lists.homeTitle')}</Text>
      <Text size="sm" c="dimmed" mb="xs">
        {t('lists.homeIntro')}
      </Text>
      <Group gap="lg">
        {OFFICE_LISTS.map((l) => (
          <Anchor key={l} component={Link} to={`/office/${l}`}>
            {t(`lists.${l}.title`)}
          </Anchor>
        ))}
      </Group>
    </Card>
  );
}
