import { Alert, Button, Code, Group, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AuditEntry, FieldChange } from '../api/types';
import { QueryState } from '../components/QueryState';
import { formatInstant } from '../format/time';
import { diffForDisplay } from '../format/diff';

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { data, isLoading, error } = useQuery({ queryKey: ['audit'], queryFn: () => api<{ entries: AuditEntry[] }>('/api/v1/audit?limit=200') });
  const [verification, setVerification] = useState<{ ok: boolean; rows: number; problems: unknown[] } | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('audit.title')}</Title>
        <Button variant="default" onClick={async () => setVerification(await api('/api/v1/audit/verify'))}>
          {t('audit.verify')}
        </Button>
      </Group>
      {verification && (
        <Alert color={verification.ok ? 'green' : 'red'}>
          {verification.ok ? t('audit.intact', { rows: verification.rows }) : t('audit.tampered', { count: verification.problems.length })}
        </Alert>
      )}
      <QueryState isLoading={isLoading} error={error} />
      <Table striped data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.object')}</Table.Th>
            <Table.Th>{t('audit.details')}</Table.Th>
            <Table.Th>{t('audit.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.entries.map((e) => (
            <Table.Tr key={e.seq}>
              <Table.Td>{e.seq}</Table.Td>
              <Table.Td>{formatInstant(e.at, i18n.language)}</Table.Td>
              <Table.Td>{e.actorLabel}</Table.Td>
              <Table.Td>{e.action}</Table.Td>
              <Table.Td>
                {e.objectType}:{e.objectId}
              </Table.Td>
              <Table.Td>
                {diffForDisplay(e.before, e.after).slice(0, 6).map((c: FieldChange) => (
                  <div key={c.field}>
                    <Code>{c.field}</Code> {JSON.stringify(c.before)} → {JSON.stringify(c.after)}
                  </div>
                ))}
              </Table.Td>
              <Table.Td>{e.reason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
