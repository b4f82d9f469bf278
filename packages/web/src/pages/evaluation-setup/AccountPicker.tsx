import { Checkbox, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountsContract } from '@stagegate/core/contract/accounts';
import { call } from '../../api/contract-client';
import { QueryState } from '../../components/QueryState';

export interface PickedAccount {
  email: string;
  name: string;
}

/**
 * Accounts of one role, searched on the server a page at a time (`GET /api/v1/accounts`): the office
 * ticks who sits on a panel or votes in an arena. What was ticked stays ticked while the search changes.
 */
export function AccountPicker({
  role,
  picked,
  onChange,
  testId,
}: {
  role: 'reviewer' | 'evaluator';
  picked: PickedAccount[];
  onChange: (next: PickedAccount[]) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useQuery({
    queryKey: ['accounts', role, q],
    queryFn: () => call(accountsContract.list, { query: { role, limit: 50, q: q.trim() || undefined } }),
  });
  const isPicked = (email: string) => picked.some((p) => p.email === email);
  const toggle = (a: PickedAccount) => onChange(isPicked(a.email) ? picked.filter((p) => p.email !== a.email) : [...picked, a]);
  return (
    <Stack gap="xs" data-testid={testId}>
      <TextInput label={t('evaluationSetup.search')} value={q} maxLength={200} onChange={(e) => setQ(e.currentTarget.value)} data-testid={`${testId}-search`} />
      <Text size="sm" c="dimmed">
        {t('evaluationSetup.selected', { n: picked.length })}
      </Text>
      {query.data ? (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('evaluationSetup.pick')}</Table.Th>
              <Table.Th>{t('evaluationSetup.account')}</Table.Th>
              <Table.Th>{t('evaluationSetup.email')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.accounts.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={3}>{t('evaluationSetup.noAccounts')}</Table.Td>
              </Table.Tr>
            )}
            {query.data.accounts.map((a) => (
              <Table.Tr key={a.email}>
                <Table.Td>
                  <Checkbox aria-label={a.name} checked={isPicked(a.email)} onChange={() => toggle(a)} data-testid={`pick-${a.email}`} />
                </Table.Td>
                <Table.Td>{a.name}</Table.Td>
                <Table.Td>{a.email}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <QueryState isLoading={query.isLoading} error={query.error} />
      )}
      {query.data?.hasMore && (
        <Text size="sm" c="dimmed">
          {t('evaluationSetup.more')}
        </Text>
      )}
    </Stack>
  );
}
