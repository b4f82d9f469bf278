import { Alert, Badge, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { formatInstant } from '../../format/time';
import { useOutbox, type OutboxMessage } from './api';

const statusColor = { queued: 'yellow', sent: 'green', failed: 'red' } as const;

/** The office's view of every mail: waiting (no mail server, or a retry), sent, or failed after its last attempt. */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<'all' | OutboxMessage['status']>('all');
  const { data, isLoading, error } = useOutbox(status);
  return (
    <Stack>
      <Title order={2}>{t('notifications.outbox.title')}</Title>
      <Text c="dimmed">{t('notifications.outbox.intro')}</Text>
      {data && !data.smtp && <Alert color="yellow">{t('notifications.outbox.noSmtp')}</Alert>}
      {data && (
        <Group gap="xs">
          {(['queued', 'sent', 'failed'] as const).map((s) => (
            <Badge key={s} color={statusColor[s]} variant="light">
              {t(`notifications.outbox.status.${s}`)} {data.counts[s]}
            </Badge>
          ))}
        </Group>
      )}
      <SegmentedControl
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        data={(['all', 'queued', 'sent', 'failed'] as const).map((s) => ({ value: s, label: t(`notifications.outbox.filter.${s}`) }))}
        w="fit-content"
      />
      <QueryState isLoading={isLoading} error={error} />
      {data?.messages.length === 0 && <Alert>{t('notifications.outbox.none')}</Alert>}
      {data && data.messages.length > 0 && (
        <Card withBorder>
          <Table striped data-testid="mail-outbox">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('notifications.outbox.to')}</Table.Th>
                <Table.Th>{t('notifications.outbox.subject')}</Table.Th>
                <Table.Th>{t('notifications.outbox.statusLabel')}</Table.Th>
                <Table.Th>{t('notifications.outbox.attempts')}</Table.Th>
                <Table.Th>{t('notifications.outbox.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.messages.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.toEmail}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{m.subject}</Text>
                    {m.lastError && (
                      <Text size="xs" c="red">
                        {t('notifications.outbox.lastError', { error: m.lastError })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[m.status]} variant="light">
                      {t(`notifications.outbox.status.${m.status}`)}
                    </Badge>
                    {m.status === 'queued' && m.attempts > 0 && (
                      <Text size="xs" c="dimmed">
                        {t('notifications.outbox.nextAttempt', { at: formatInstant(m.nextAttemptAt, i18n.language) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{m.attempts}</Table.Td>
                  <Table.Td>{formatInstant(m.sentAt ?? m.createdAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
