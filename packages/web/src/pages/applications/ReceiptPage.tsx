import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { applicationsContract as apps } from '@stagegate/core/contract/applications';
import { pathOf } from '../../api/contract-client';
import { useApplication, useReceipt } from './api';
import { WithdrawButton } from './WithdrawButton';

export function ReceiptPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const receipt = useReceipt(id);
  const detail = useApplication(id);
  if (!receipt.data || !detail.data) return <QueryState isLoading={receipt.isLoading || detail.isLoading} error={receipt.error ?? detail.error} />;
  const r = receipt.data;
  const app = detail.data.application;
  const call = detail.data.call;
  return (
    <Stack maw={820} mx="auto">
      <Card withBorder padding="xl" data-testid="receipt">
        <Stack>
          <Group justify="space-between">
            <Title order={2}>{t('applications.receipt.title')}</Title>
            <Badge size="lg" color={app.status === 'submitted' ? 'teal' : 'orange'}>
              {t(`applications.status.${app.status}`)}
            </Badge>
          </Group>
          {app.status === 'submitted' && <Alert color="teal">{t('applications.receipt.done')}</Alert>}
          {app.status === 'withdrawn' && <Alert color="orange">{t('applications.view.withdrawn')}</Alert>}
          <Table>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={200}>{t('applications.receipt.number')}</Table.Th>
                <Table.Td>
                  <Text fz={28} fw={700} data-testid="receipt-number" style={{ fontFamily: 'monospace' }}>
                    {r.receiptNo}
                  </Text>
                </Table.Td>
              </Table.Tr>
              {call && (
                <Table.Tr>
                  <Table.Th>{t('applications.receipt.call')}</Table.Th>
                  <Table.Td>
                    {pick(call.programName, lang)} · {pick(call.name, lang)}
                  </Table.Td>
                </Table.Tr>
              )}
              <Table.Tr>
                <Table.Th>{t('applications.proposal.title')}</Table.Th>
                <Table.Td>{app.proposal.title}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('applications.receipt.submittedAt')}</Table.Th>
                <Table.Td data-testid="receipt-submitted-at">{formatInstant(r.submittedAt, lang)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('applications.receipt.version')}</Table.Th>
                <Table.Td>{r.version}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('applications.receipt.hash')}</Table.Th>
                <Table.Td data-testid="receipt-hash" style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                  {r.hash}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed">
            {t('applications.receipt.hashHelp')}
          </Text>
          <Group justify="space-between">
            <Group>
              <Button component="a" href={pathOf(apps.receiptDownload, { params: { id } })} download={`${r.receiptNo}.txt`} data-testid="receipt-download">
                {t('applications.receipt.download')}
              </Button>
              <Button
                component="a"
                variant="default"
                href={pathOf(apps.receiptDownload, { params: { id }, query: { format: 'pdf' } })}
                download={`${r.receiptNo}.pdf`}
                data-testid="receipt-download-pdf"
              >
                {t('applications.receipt.downloadPdf')}
              </Button>
              <Anchor component={Link} to={`/applications/${id}`}>
                {t('applications.receipt.viewApplication')}
              </Anchor>
              <Anchor component={Link} to={`/review/results/${id}`}>
                {t('applications.receipt.selectionResult')}
              </Anchor>
            </Group>
            {detail.data.permissions.withdraw && <WithdrawButton applicationId={id} onDone={async () => void (await detail.refetch())} />}
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
