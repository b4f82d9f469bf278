import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { OfficeListTabs } from './OfficeListTabs';

/**
 * What every office list page shares: the tabs, the title, the filter card with its reset button,
 * the actions on the chosen rows, the loading and empty states; the page gives its table and pager,
 * and beside the title the way to create what the list holds where the office does that elsewhere.
 */
export function OfficeListFrame(props: {
  title: ReactNode;
  intro?: ReactNode;
  filters: ReactNode;
  onReset: () => void;
  actions?: ReactNode;
  /** links to the pages that create what the list shows (a call, a job), beside the title */
  create?: ReactNode;
  query: { isLoading: boolean; error: Error | null };
  empty: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack maw={1400}>
      <OfficeListTabs />
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{props.title}</Title>
        {props.create && (
          <Group gap="xs" data-testid="list-create">
            {props.create}
          </Group>
        )}
      </Group>
      {props.intro}
      <Card withBorder padding="sm">
        <Group align="flex-end" wrap="wrap">
          {props.filters}
          <Button variant="subtle" onClick={props.onReset}>
            {t('lists.reset')}
          </Button>
        </Group>
      </Card>
      {props.actions}
      <QueryState isLoading={props.query.isLoading} error={props.query.error} />
      {props.empty && <Text c="dimmed">{t('lists.none')}</Text>}
      {props.children}
    </Stack>
  );
}
