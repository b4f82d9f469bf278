import { Badge, Button, Code, Group, Modal, ScrollArea, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { applicationsContract as apps } from '@stagegate/core/contract/applications';
import { call } from '../../api/contract-client';
import { useVersions, type VersionEntry } from './api';
import { issuesOf } from './issues';

const kindColor: Record<VersionEntry['kind'], string> = { draft: 'gray', conflicted: 'orange', submitted: 'teal' };

/** Every saved version, conflicted saves included, each viewable and (while editing) restorable. */
export function VersionHistory({
  applicationId,
  currentVersion,
  onRestore,
}: {
  applicationId: string;
  currentVersion: number;
  onRestore?: (version: number) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, isLoading, error } = useVersions(applicationId);
  const [shown, setShown] = useState<{ version: number; content: unknown } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  const view = async (v: number) => {
    const res = await call(apps.version, { params: { id: applicationId, version: v } });
    setShown(res);
  };
  const restore = async (v: number) => {
    try {
      await onRestore?.(v);
      setMessage(t('applications.versions.restored', { version: v }));
    } catch (e) {
      setMessage(
        issuesOf(e)
          .map((i) => pick(i.message, lang))
          .join(' · '),
      );
    }
  };
  return (
    <>
      {message && (
        <Text size="sm" mb="xs">
          {message}
        </Text>
      )}
      <Table striped data-testid="version-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('applications.versions.version')}</Table.Th>
            <Table.Th>{t('applications.versions.kind')}</Table.Th>
            <Table.Th>{t('applications.versions.savedAt')}</Table.Th>
            <Table.Th>{t('applications.versions.base')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...data].reverse().map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>
                {v.version}
                {v.version === currentVersion && (
                  <Badge ml={6} size="xs">
                    {t('applications.versions.current')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={kindColor[v.kind]} variant="light">
                  {t(`applications.versions.kinds.${v.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{formatInstant(v.savedAt, lang)}</Table.Td>
              <Table.Td>{v.baseVersion ?? '—'}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="xs" variant="subtle" onClick={() => view(v.version)}>
                    {t('applications.versions.view')}
                  </Button>
                  {onRestore && v.version !== currentVersion && v.kind !== 'submitted' && (
                    <Button size="xs" variant="subtle" onClick={() => restore(v.version)}>
                      {t('applications.versions.restore')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={!!shown} onClose={() => setShown(null)} size="xl" title={shown ? t('applications.versions.contentOf', { version: shown.version }) : ''}>
        <ScrollArea h={500}>
          <Code block>{JSON.stringify(shown?.content, null, 2)}</Code>
        </ScrollArea>
      </Modal>
    </>
  );
}
