import { Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { OfficeUsageRow } from '../../api/office-lists';
import { ListPager } from '../../components/ListPager';
import { formatDate } from '../../format/time';
import { OfficeListFrame } from './OfficeListFrame';
import { SearchBox } from './SearchBox';
import { useListParams } from './use-list-params';

const FILTERS = ['account', 'from', 'to'] as const;
const PAGE_SIZE = 50;

/** Daily GPU usage per Slurm account and cluster user, newest day first, read a page at a time. */
export function UsageListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { filters, setFilter, query, reset } = useListParams(FILTERS);
  const list = useInfiniteQuery({
    queryKey: ['office', 'usage', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api<{ usage: OfficeUsageRow[]; nextCursor: string | null }>(
        `/api/v1/office/usage?${query({ pageSize: String(PAGE_SIZE), ...(pageParam ? { cursor: pageParam } : {}) })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.usage) ?? [];
  const number = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'ko-KR', { maximumFractionDigits: 2 });
  return (
    <OfficeListFrame
      title={t('lists.usage.title')}
      intro={
        <>
          <Text size="sm" c="dimmed">
            {t('lists.usage.intro')}
          </Text>
        </>
      }
      filters={
        <>
          <SearchBox key={filters.account} value={filters.account} label={t('lists.usage.account')} onSearch={(v) => setFilter('account', v || null)} />
          <TextInput type="date" label={t('lists.usage.from')} value={filters.from} onChange={(e) => setFilter('from', e.currentTarget.value || null)} />
          <TextInput type="date" label={t('lists.usage.to')} value={filters.to} onChange={(e) => setFilter('to', e.currentTarget.value || null)} />
        </>
      }
      onReset={reset}
      query={list}
      empty={!!list.data && rows.length === 0}
    >
      {rows.length > 0 && (
        <Table striped data-testid="usage-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lists.usage.day')}</Table.Th>
              <Table.Th>{t('lists.usage.account')}</Table.Th>
              <Table.Th>{t('lists.usage.user')}</Table.Th>
              <Table.Th>{t('lists.usage.gpuHours')}</Table.Th>
              <Table.Th>{t('lists.usage.jobs')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.day}/${r.account}/${r.clusterUsername}`} data-testid="usage-row">
                <Table.Td>{formatDate(r.day, lang)}</Table.Td>
                <Table.Td>{r.account}</Table.Td>
                <Table.Td>{r.clusterUsername}</Table.Td>
                <Table.Td>{number.format(r.gpuHours)}</Table.Td>
                <Table.Td>{number.format(r.jobs)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.data && <ListPager shown={rows.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />}
    </OfficeListFrame>
  );
}
