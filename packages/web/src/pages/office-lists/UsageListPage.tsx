import { Button, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { officeContract, type OfficeSort, type SortOrder } from '@stagegate/core/contract/office';
import { call } from '../../api/contract-client';
import { ListPager } from '../../components/ListPager';
import { formatDate } from '../../format/time';
import { OfficeListFrame } from './OfficeListFrame';
import { SearchBox } from './SearchBox';
import { SortableTh } from './SortableTh';
import { useListParams } from './use-list-params';

const FILTERS = ['account', 'from', 'to'] as const;
/** how each sortable column runs when first clicked: days newest first, the most GPU-hours first, names from the start */
const FIRST_ORDER: Record<OfficeSort<'usage'>, SortOrder> = { day: 'desc', gpuHours: 'desc', task: 'asc', account: 'asc' };

/** Daily GPU usage per Slurm account and cluster user, newest day first, read a page at a time. */
export function UsageListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { filters, pageSize, sort, order, setFilter, setPageSize, setSort, query, reset } = useListParams(FILTERS, 'usage', { pageSize: 50 });
  const list = useInfiniteQuery({
    // a cursor belongs to one sort: another sort starts again from the top
    queryKey: ['office', 'usage', filters, sort, order, pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      call(officeContract.usage, { query: Object.fromEntries(query({ pageSize: String(pageSize), ...(pageParam ? { cursor: pageParam } : {}) })) }),
    getNextPageParam: (last) => last.nextCursor,
  });
  const sortable = (column: OfficeSort<'usage'>, label: string) => (
    <SortableTh label={label} active={sort === column} order={order} onSort={() => setSort(column, FIRST_ORDER[column])} testId={column} />
  );
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
      create={
        <Button component={Link} to="/allocations" variant="light" data-testid="create-usage-import">
          {t('listTools.create.usage')}
        </Button>
      }
      query={list}
      empty={!!list.data && rows.length === 0}
    >
      {rows.length > 0 && (
        <Table striped data-testid="usage-table">
          <Table.Thead>
            <Table.Tr>
              {sortable('day', t('lists.usage.day'))}
              {sortable('account', t('lists.usage.account'))}
              {sortable('task', t('listTools.columns.task'))}
              <Table.Th>{t('lists.usage.user')}</Table.Th>
              {sortable('gpuHours', t('lists.usage.gpuHours'))}
              <Table.Th>{t('lists.usage.jobs')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.day}/${r.account}/${r.clusterUsername}`} data-testid="usage-row">
                <Table.Td>{formatDate(r.day, lang)}</Table.Td>
                <Table.Td>{r.account}</Table.Td>
                <Table.Td>{r.task ?? '—'}</Table.Td>
                <Table.Td>{r.clusterUsername}</Table.Td>
                <Table.Td>{number.format(r.gpuHours)}</Table.Td>
                <Table.Td>{number.format(r.jobs)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.data && (
        <ListPager
          shown={rows.length}
          hasMore={!!list.hasNextPage}
          loading={list.isFetchingNextPage}
          onMore={() => void list.fetchNextPage()}
          pageSize={pageSize}
          onPageSize={setPageSize}
        />
      )}
    </OfficeListFrame>
  );
}
