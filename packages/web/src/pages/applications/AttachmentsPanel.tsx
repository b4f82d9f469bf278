import { Alert, Anchor, Button, Card, Code, FileButton, Group, Progress, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant, pick } from '../../format/time';
import { applicationsContract as apps } from '@stagegate/core/contract/applications';
import { call, pathOf } from '../../api/contract-client';
import { uploadAttachment, type Attachment } from './api';
import { fileSize } from './format';
import { issuesOf } from './issues';

/** PDFs for the proposal: uploaded with progress, listed with size and SHA-256, removable while a draft. */
export function AttachmentsPanel({
  applicationId,
  attachments,
  maxBytes,
  requirement,
  editable,
  onChanged,
}: {
  applicationId: string;
  attachments: Attachment[];
  maxBytes: number;
  requirement: 'required' | 'optional' | 'hidden';
  editable: boolean;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (requirement === 'hidden') return <Alert color="gray">{t('applications.attachments.hidden')}</Alert>;
  const upload = async (file: File | null) => {
    if (!file) return;
    setError(null);
    // the server judges the bytes; the size check here only spares a long upload bound to fail
    if (file.size > maxBytes) {
      setError(t('applications.attachments.tooLarge', { name: file.name, limit: fileSize(maxBytes, lang) }));
      return;
    }
    setProgress({ name: file.name, fraction: 0 });
    try {
      await uploadAttachment(applicationId, file, (fraction) => setProgress({ name: file.name, fraction }));
      onChanged();
    } catch (e) {
      setError(
        issuesOf(e, 'file')
          .map((i) => pick(i.message, lang))
          .join(' · '),
      );
    } finally {
      setProgress(null);
    }
  };
  const remove = async (a: Attachment) => {
    try {
      await call(apps.removeAttachment, { params: { id: applicationId, attachmentId: a.id } });
      onChanged();
    } catch (e) {
      setError(
        issuesOf(e)
          .map((i) => pick(i.message, lang))
          .join(' · '),
      );
    }
  };
  return (
    <Card withBorder padding="lg" data-testid="attachments">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>
            {t('applications.attachments.title')}{' '}
            {requirement === 'required' && (
              <Text span c="red">
                *
              </Text>
            )}
          </Title>
          {editable && (
            <FileButton onChange={upload} accept="application/pdf,.pdf">
              {(props) => (
                <Button {...props} loading={!!progress} data-testid="upload-button">
                  {t('applications.attachments.upload')}
                </Button>
              )}
            </FileButton>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('applications.attachments.help', { limit: fileSize(maxBytes, lang) })}
        </Text>
        {progress && (
          <Stack gap={4} data-testid="upload-progress">
            <Text size="sm">{t('applications.attachments.uploading', { name: progress.name, percent: Math.round(progress.fraction * 100) })}</Text>
            <Progress value={progress.fraction * 100} animated />
          </Stack>
        )}
        {error && (
          <Alert color="red" data-testid="upload-error" withCloseButton onClose={() => setError(null)}>
            {error}
          </Alert>
        )}
        {attachments.length === 0 ? (
          <Text c="dimmed">{t('applications.attachments.none')}</Text>
        ) : (
          <Table striped data-testid="attachments-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('applications.attachments.file')}</Table.Th>
                <Table.Th>{t('applications.attachments.size')}</Table.Th>
                <Table.Th>SHA-256</Table.Th>
                <Table.Th>{t('applications.attachments.uploadedAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {attachments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor href={pathOf(apps.attachment, { params: { id: applicationId, attachmentId: a.id } })} download={a.fileName}>
                      {a.fileName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{fileSize(a.sizeBytes, lang)}</Table.Td>
                  <Table.Td>
                    <Tooltip label={a.sha256}>
                      <Code data-testid="attachment-sha256">{a.sha256.slice(0, 16)}…</Code>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>{formatInstant(a.uploadedAt, lang)}</Table.Td>
                  <Table.Td>
                    {editable && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => remove(a)}>
                        {t('applications.attachments.remove')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
