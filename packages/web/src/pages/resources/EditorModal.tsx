import { Alert, Button, Group, List, Modal, Stack, Textarea } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResourceResult } from './api';
import { ResourcePreview } from './ResourcePreview';
import type { useResourceMutation } from './use-resource-mutation';

/**
 * One frame for every resource editor: the fields, a reason, "preview" (the diff and the partitions'
 * usage after) and "save", which is enabled only once a preview of the same input was shown.
 */
export function EditorModal({
  title,
  m,
  submit,
  onClose,
  children,
  testId,
  input,
}: {
  title: string;
  m: ReturnType<typeof useResourceMutation>;
  submit: (mode: 'preview' | 'commit', reason: string) => Promise<ResourceResult | null>;
  onClose: () => void;
  children: ReactNode;
  testId: string;
  /** what the fields hold: a preview is dropped as soon as it changes */
  input: unknown;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<ResourceResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const fingerprint = JSON.stringify(input);
  useEffect(() => setPreview(null), [fingerprint]);
  async function go(mode: 'preview' | 'commit') {
    setMessage(null);
    const res = await submit(mode, reason);
    if (!res) return setPreview(null);
    if (res.status === 'unchanged') return (setPreview(null), setMessage(t('resources.editor.unchanged')));
    if (res.status === 'preview') return setPreview(res);
    setPreview(null);
    setMessage(t('resources.editor.saved'));
  }
  return (
    <Modal opened onClose={onClose} size="lg" title={title}>
      <Stack data-testid={testId}>
        {children}
        <Textarea label={t('resources.editor.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
        {(m.described.length > 0 || m.error) && (
          <Alert color="red" title={t('resources.editor.errorTitle')} data-testid="resource-error">
            {m.error}
            <List size="sm">
              {m.described.map((d) => (
                <List.Item key={d}>{d}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {preview && <ResourcePreview result={preview} />}
        {message && (
          <Alert color="green" data-testid="resource-message">
            {message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onClose}>
            {t('resources.editor.close')}
          </Button>
          <Button variant="default" onClick={() => go('preview')} loading={m.busy}>
            {t('resources.editor.preview')}
          </Button>
          <Button onClick={() => go('commit')} disabled={!preview} loading={m.busy}>
            {t('resources.editor.commit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
