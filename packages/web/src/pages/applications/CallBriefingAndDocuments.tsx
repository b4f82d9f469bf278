import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatInstant, pick } from '../../format/time';
import type { CallSummary } from './api';

/** The call's briefing session and its documents with download links, as the public page shows them. */
export function CallBriefingAndDocuments({ call }: { call: CallSummary }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // a call not yet open has not announced its files (the server refuses them to the public too)
  const docs = call.state === 'draft' ? [] : (call.documents ?? []);
  if (!call.briefing && docs.length === 0) return null;
  return (
    <Stack gap={4} data-testid="call-briefing-documents">
      {call.briefing && (
        <Text size="sm" data-testid="call-briefing">
          <Text span fw={600}>
            {t('officeCalls.public.briefing')}:{' '}
          </Text>
          {formatInstant(call.briefing.at, lang)} · {pick(call.briefing.place, lang)}
          {call.briefing.onlineUrl && (
            <>
              {' · '}
              <Anchor href={call.briefing.onlineUrl} target="_blank" rel="noreferrer">
                {t('officeCalls.public.online')}
              </Anchor>
            </>
          )}
        </Text>
      )}
      {docs.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('officeCalls.public.documents')}</Table.Th>
              <Table.Th>{t('officeCalls.public.download')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {docs.map((d) => (
              <Table.Tr key={d.sha256}>
                <Table.Td>
                  {t(`officeCalls.kind.${d.kind}`)} · {pick(d.title, lang)}
                </Table.Td>
                <Table.Td>
                  <Anchor href={`/api/v1/calls/${call.program}/${call.key}/documents/${d.sha256}`} download={d.fileName} data-testid="call-document-link">
                    {t('officeCalls.public.download')} ({Math.ceil(d.sizeBytes / 1024).toLocaleString()} KB)
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
