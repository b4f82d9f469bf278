import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { daysLeft } from '../../format/days-left';
import { formatInstant } from '../../format/time';

/** A review round's due instant in Korean time, with the days left (or that it has passed). */
export function DueDate({ dueAt, testId }: { dueAt: string | null; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (!dueAt)
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {t('review.due.none')}
      </Text>
    );
  const left = daysLeft(dueAt);
  const overdue = Date.parse(dueAt) < Date.now();
  const label = overdue ? t('review.due.passed') : left === 0 ? t('review.due.today') : t('review.due.left', { count: left });
  return (
    <Group gap={6} wrap="nowrap" data-testid={testId}>
      <Text size="sm">{formatInstant(dueAt, i18n.language)}</Text>
      <Badge color={overdue ? 'red' : left <= 3 ? 'orange' : 'gray'} variant="light">
        {label}
      </Badge>
    </Group>
  );
}
