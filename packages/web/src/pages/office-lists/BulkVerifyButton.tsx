import { Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BulkVerifyAnswer, OfficeOrganisation } from '../../api/office-lists';
import { officeContract } from '@stagegate/core/contract/office';
import { useMutationCall } from '../../api/use-mutation-call';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { MAX_BULK } from './DraftReminderButton';

/**
 * Verifies (or withdraws verification of) the chosen organisations: the preview shows what each
 * becomes, the commit takes a reason and changes all or none (the API refuses if one changed since).
 */
export function BulkVerifyButton({ chosen, verified, onDone }: { chosen: OfficeOrganisation[]; verified: boolean; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const call = useMutationCall();
  const which = verified ? 'verify' : 'unverify';
  const body = (mode: 'preview' | 'commit', reason?: string) => ({
    organisations: chosen.map((o) => ({ id: o.id, expectedRevision: o.revision })),
    verified,
    mode,
    reason,
  });
  const name = (i: BulkVerifyAnswer['items'][number]) => (i18n.language === 'en' ? i.nameEn || i.nameKo : i.nameKo) ?? t('lists.organisations.gone');
  return (
    <ConfirmWithPreview<BulkVerifyAnswer>
      label={t(`lists.organisations.${which}.button`, { count: chosen.length })}
      title={t(`lists.organisations.${which}.title`)}
      disabled={chosen.length === 0 || chosen.length > MAX_BULK}
      color={verified ? 'green' : 'orange'}
      variant={verified ? 'filled' : 'light'}
      testId={`bulk-${which}`}
      error={call.error}
      reason={{ label: t('lists.reason'), minLength: 2 }}
      confirmLabel={t(`lists.organisations.${which}.confirm`)}
      loadPreview={() => call.send<BulkVerifyAnswer>('POST', officeContract.verifyOrganisations.path, body('preview'))}
      onConfirm={async (reason) => {
        const res = await call.send<BulkVerifyAnswer>('POST', officeContract.verifyOrganisations.path, body('commit', reason));
        if (res) onDone();
        return !!res;
      }}
      renderPreview={(p) => (
        <Stack gap="xs">
          <Text size="sm" data-testid="verify-summary">
            {t('lists.organisations.changes', { count: p.changed })}
          </Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('lists.organisations.name')}</Table.Th>
                <Table.Th>{t('lists.organisations.before')}</Table.Th>
                <Table.Th>{t('lists.organisations.after')}</Table.Th>
                <Table.Th>{t('lists.organisations.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.items.map((i) => (
                <Table.Tr key={i.id} data-testid="verify-item" data-outcome={i.outcome}>
                  <Table.Td>{name(i)}</Table.Td>
                  <Table.Td>{i.before ? t(`lists.organisations.states.${i.before}`) : '—'}</Table.Td>
                  <Table.Td>{t(`lists.organisations.states.${i.after}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={i.outcome === 'change' ? 'green' : i.outcome === 'unchanged' ? 'gray' : 'red'}>
                      {t(`lists.organisations.outcomes.${i.outcome}`)}
                    </Badge>
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
