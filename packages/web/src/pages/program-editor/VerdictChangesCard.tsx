import { Alert, Badge, Card, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../api/types';
import { pick } from '../../format/time';

export interface VerdictImpact {
  changes: {
    applicationId: string;
    receiptNo: string | null;
    title: string | null;
    lead: LocalizedText;
    status: string;
    before: boolean;
    after: boolean;
    rules: { id: string; message: LocalizedText }[];
    overridden: boolean;
    /** the call applied to and its state now (applicants of an open call can still act on the new verdict) */
    call: { key: string; name: LocalizedText; stateLabel: LocalizedText | null; open: boolean };
  }[];
  judged: number;
  notJudged: number;
}

/** Whom an edit of the eligibility rules would turn away or let in, shown before it is saved. */
export function VerdictChangesCard({ impact }: { impact: VerdictImpact }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const verdict = (eligible: boolean) => (
    <Badge color={eligible ? 'green' : 'red'}>{t(eligible ? 'editor.verdicts.eligible' : 'editor.verdicts.ineligible')}</Badge>
  );
  return (
    <Card withBorder data-testid="verdict-changes">
      <Text fw={600}>
        {impact.changes.length === 0
          ? t('editor.verdicts.none', { judged: impact.judged })
          : t('editor.verdicts.title', { count: impact.changes.length, judged: impact.judged })}
      </Text>
      {impact.changes.length > 0 && (
        <Text size="sm" c="dimmed" data-testid="verdict-changes-open">
          {t('tasks.verdicts.inOpenCalls', { count: impact.changes.filter((c) => c.call.open).length })}
        </Text>
      )}
      {impact.notJudged > 0 && (
        <Alert color="orange" mt="xs">
          {t('editor.verdicts.notJudged', { count: impact.notJudged })}
        </Alert>
      )}
      {impact.changes.length > 0 && (
        <Table mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('editor.verdicts.application')}</Table.Th>
              <Table.Th>{t('editor.verdicts.lead')}</Table.Th>
              <Table.Th>{t('tasks.verdicts.call')}</Table.Th>
              <Table.Th>{t('editor.before')}</Table.Th>
              <Table.Th>{t('editor.after')}</Table.Th>
              <Table.Th>{t('editor.verdicts.why')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {impact.changes.map((c) => (
              <Table.Tr key={c.applicationId} data-testid={`verdict-change-${c.applicationId}`}>
                <Table.Td>
                  {c.title ?? t('editor.verdicts.untitled')}
                  {c.receiptNo && (
                    <Text size="xs" c="dimmed">
                      {c.receiptNo}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{pick(c.lead, lang)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{pick(c.call.name, lang)}</Text>
                  {c.call.stateLabel && (
                    <Badge size="xs" variant="light" color={c.call.open ? 'blue' : 'gray'}>
                      {pick(c.call.stateLabel, lang)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{verdict(c.before)}</Table.Td>
                <Table.Td>{verdict(c.after)}</Table.Td>
                <Table.Td>
                  {c.rules.map((r) => (
                    <Text key={r.id} size="sm">
                      {pick(r.message, lang)}
                    </Text>
                  ))}
                  {c.overridden && (
                    <Text size="xs" c="dimmed">
                      {t('editor.verdicts.overridden')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
