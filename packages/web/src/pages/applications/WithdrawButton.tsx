import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../format/time';
import { applicationsContract as apps } from '@stagegate/core/contract/applications';
import { call } from '../../api/contract-client';
import { issuesOf } from './issues';

/** Withdrawal before the call closes (the server's clock decides), after a confirmation. */
export function WithdrawButton({ applicationId, onDone }: { applicationId: string; onDone: () => Promise<void> | void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await call(apps.withdraw, { params: { id: applicationId }, body: reason.trim() ? { reason } : {} });
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['applications'] });
      await onDone();
    } catch (e) {
      setError(
        issuesOf(e)
          .map((i) => pick(i.message, i18n.language))
          .join(' · '),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="outline" color="red" onClick={() => setOpen(true)}>
        {t('applications.withdraw.button')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('applications.withdraw.title')}>
        <Stack>
          <Text size="sm">{t('applications.withdraw.explain')}</Text>
          <Textarea label={t('applications.withdraw.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          {error && <Alert color="red">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('applications.cancel')}
            </Button>
            <Button color="red" onClick={confirm} loading={busy}>
              {t('applications.withdraw.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
