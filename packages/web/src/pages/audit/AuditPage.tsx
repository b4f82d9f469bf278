import { Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { describeField } from '@stagegate/core/shared/describe-field';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { auditContract as c } from '@stagegate/core/contract/audit';
import { call } from '../../api/contract-client';
import { ListPager } from '../../components/ListPager';
import { QueryState } from '../../components/QueryState';
import { diffForDisplay } from '../../format/diff';
import { FieldValue } from '../../format/field-value';
import { formatInstant, pick } from '../../format/time';
import { actionLabel, isReferenceField, objectLabel } from './audit-labels';

const FILTERS = ['objectType', 'action', 'actor', 'reason', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE = 50;
const SHOWN_CHANGES = 4;

/** The audit log as the office reads it: who did what to which object, when and why, narrowed by filters kept in the address. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [search, setSearch] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, search.get(k) ?? ''])) as Record<Filter, string>;
  const facets = useQuery({ queryKey: ['audit', 'facets'], queryFn: () => call(c.facets) });
  const log = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) => {
      const narrowed = Object.fromEntries(FILTERS.filter((k) => filters[k]).map((k) => [k, filters[k]]));
      return call(c.list, { query: { limit: PAGE, ...narrowed, ...(pageParam ? { before: pageParam } : {}) } });
    },
    getNextPageParam: (last) => last.nextBefore,
  });
  const [verification, setVerification] = useState<ResponseOf<typeof c.verify> | null>(null);
  const setFilter = (k: Filter, v: string | null) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    setSearch(next, { replace: true });
  };
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  // actions are offered by area first (every allocation action), then one by one
  const areas = [...new Set((facets.data?.actions ?? []).map((a) => a.split('.')[0]!))];
  const actionOptions = [
    ...areas.map((a) => ({ value: a, label: `${actionLabel(a, t)} (${t('audit.anyAction')})` })),
    ...(facets.data?.actions ?? []).filter((a) => a.includes('.')).map((a) => ({ value: a, label: actionLabel(a, t) })),
  ];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('audit.title')}</Title>
        <Button variant="default" onClick={async () => setVerification(await call(c.verify))}>
          {t('audit.verify')}
        </Button>
      </Group>
      {verification && (
        <Alert color={verification.ok ? 'green' : 'red'}>
          {verification.ok ? t('audit.intact', { rows: verification.rows }) : t('audit.tampered', { count: verification.problems.length })}
        </Alert>
      )}
      <Card withBorder padding="sm" data-testid="audit-filters">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('audit.objectType')}
            placeholder={t('audit.anyObject')}
            clearable
            searchable
            data={(facets.data?.objectTypes ?? []).map((o) => ({ value: o, label: objectLabel(o, t) }))}
            value={filters.objectType || null}
            onChange={(v) => setFilter('objectType', v)}
          />
          <Select
            label={t('audit.actionFilter')}
            placeholder={t('audit.anyAction')}
            clearable
            searchable
            data={actionOptions}
            value={filters.action || null}
            onChange={(v) => setFilter('action', v)}
            w={280}
          />
          <TextInput label={t('audit.actorFilter')} defaultValue={filters.actor} onBlur={(e) => setFilter('actor', e.currentTarget.value.trim() || null)} />
          <TextInput label={t('audit.reasonFilter')} defaultValue={filters.reason} onBlur={(e) => setFilter('reason', e.currentTarget.value.trim() || null)} />
          <TextInput type="date" label={t('audit.from')} value={filters.from} onChange={(e) => setFilter('from', e.currentTarget.value || null)} />
          <TextInput type="date" label={t('audit.to')} value={filters.to} onChange={(e) => setFilter('to', e.currentTarget.value || null)} />
          <Button variant="subtle" onClick={() => setSearch(new URLSearchParams(), { replace: true })}>
            {t('audit.reset')}
          </Button>
        </Group>
      </Card>
      <QueryState isLoading={log.isLoading} error={log.error} />
      {log.data && entries.length === 0 && <Text c="dimmed">{t('audit.none')}</Text>}
      <Table striped data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.object')}</Table.Th>
            <Table.Th>{t('audit.details')}</Table.Th>
            <Table.Th>{t('audit.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => {
            const changes = diffForDisplay(e.before, e.after).filter((c) => !isReferenceField(c.field));
            return (
              <Table.Tr key={e.seq} data-testid={`audit-row-${e.seq}`}>
                <Table.Td>{formatInstant(e.at, lang)}</Table.Td>
                <Table.Td>
                  {e.actor ? (
                    <>
                      <Text size="sm">{e.actor.email}</Text>
                      <Badge size="xs" variant="light">
                        {t(`roles.${e.actor.role}`)}
                      </Badge>
                    </>
                  ) : (
                    t('audit.system')
                  )}
                </Table.Td>
                <Table.Td>{actionLabel(e.action, t)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{objectLabel(e.objectType, t)}</Text>
                  {e.objectName && (
                    <Text size="xs" c="dimmed">
                      {pick(e.objectName, lang)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {e.before === null || e.before === undefined ? (
                    <Text size="sm" c="dimmed">
                      {t('audit.created')}
                    </Text>
                  ) : (
                    changes.slice(0, SHOWN_CHANGES).map((c) => (
                      <Text size="sm" key={c.field}>
                        {pick(describeField(c.after === null ? e.before : e.after, c.field), lang)}: <FieldValue value={c.before} /> →{' '}
                        <FieldValue value={c.after} />
                      </Text>
                    ))
                  )}
                  {changes.length > SHOWN_CHANGES && e.before !== null && (
                    <Text size="xs" c="dimmed">
                      {t('audit.moreChanges', { n: changes.length - SHOWN_CHANGES })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{e.reason}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {log.data && <ListPager shown={entries.length} hasMore={!!log.hasNextPage} loading={log.isFetchingNextPage} onMore={() => void log.fetchNextPage()} />}
    </Stack>
  );
}
