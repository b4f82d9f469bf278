import { Badge, List, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BulkRemindAnswer } from '../../api/office-lists';
import { useMutationCall } from '../../api/use-mutation-call';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { formatInstant, pick } from '../../format/time';

export const MAX_BULK = 200;

/** Reminds the applicants of the chosen drafts that their call closes: shows who gets it, then sends (inbox and mail). */
export function DraftReminderButton({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const call = useMutationCall();
  const url = '/api/v1/office/applications/reminders';
  return (
    <ConfirmWithPreview<BulkRemindAnswer>
      label={t('lists.remind.button', { count: ids.length })}
      title={t('lists.remind.title')}
      disabled={ids.length === 0 || ids.length > MAX_BULK}
      color="blue"
      testId="remind-drafts"
      error={call.error}
      reason={{ label: t('lists.reason'), minLength: 2, initial: t('lists.remind.defaultReason') }}
      confirmLabel={t('lists.remind.confirm')}
      loadPreview={() => call.send<BulkRemindAnswer>('POST', url, { applications: ids, mode: 'preview' })}
      onConfirm={async (reason) => {
        const res = await call.send<BulkRemindAnswer>('POST', url, { applications: ids, mode: 'commit', reason });
        if (res) onDone();
        return !!res;
      }}
      renderPreview={(p) => (
        <Stack gap="xs">
          <Text size="sm" data-testid="remind-summary">
            {t('lists.remind.summary', { applications: p.applications, recipients: p.recipients })}
          </Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('lists.applications.titleCol')}</Table.Th>
                <Table.Th>{t('lists.remind.closes')}</Table.Th>
                <Table.Th>{t('lists.remind.who')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.items.map((i) => (
                <Table.Tr key={i.id} data-testid="remind-item" data-outcome={i.outcome}>
                  <Table.Td>
                    <Text size="sm">{i.title || t('lists.applications.untitled')}</Text>
                    <Text size="xs" c="dimmed">
                      {i.organisationName}
                      {i.call && ` · ${pick(i.call, lang)}`}
                    </Text>
                  </Table.Td>
                  <Table.Td>{i.closesAt ? formatInstant(i.closesAt, lang) : '—'}</Table.Td>
                  <Table.Td>
                    {i.outcome === 'send' ? (
                      <List size="sm">
                        {i.recipients.map((r) => (
                          <List.Item key={r.email}>
                            {r.name} ({r.email})
                          </List.Item>
                        ))}
                      </List>
                    ) : (
                      <Badge color="gray" variant="light">
                        {t(`lists.remind.outcomes.${i.outcome}`)}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    />
  );
}
