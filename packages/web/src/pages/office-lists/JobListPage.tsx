import { Badge, Button, Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { officeContract, type OfficeSort, type SortOrder } from '@stagegate/core/contract/office';
import { jobKinds } from '@stagegate/core/contract/job';
import { call } from '../../api/contract-client';
import type { JobState } from '../../api/office-lists';
import { ListPager } from '../../components/ListPager';
import { formatInstant } from '../../format/time';
import { OfficeListFrame } from './OfficeListFrame';
import { SearchBox } from './SearchBox';
import { SortableTh } from './SortableTh';
import { useListParams } from './use-list-params';

const FILTERS = ['q', 'state', 'kind'] as const;
const STATES: JobState[] = ['queued', 'running', 'done', 'failed'];
// a kind from before a handler was renamed still reads as a job, not as its internal name
const kindKey = (kind: string) => ((jobKinds as readonly string[]).includes(kind) ? `lists.jobs.kinds.${kind.replace(/\./g, '_')}` : 'lists.jobs.kinds.other');
const stateColor: Record<JobState, string> = { queued: 'gray', running: 'blue', done: 'green', failed: 'red' };
/** how each sortable column runs when first clicked: days newest first, words from the start */
const FIRST_ORDER: Record<OfficeSort<'jobs'>, SortOrder> = { createdAt: 'desc', finishedAt: 'desc', state: 'asc', kind: 'asc' };

/** The durable jobs (Slurm apply, usage imports, evaluation runs, comparisons), newest first, searched, by state and kind. */
export function JobListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { filters, page, pageSize, sort, order, setFilter, setPage, setPageSize, setSort, query, reset } = useListParams(FILTERS, 'jobs');
  const list = useQuery({
    queryKey: ['office', 'jobs', filters, sort, order, page, pageSize],
    queryFn: () => call(officeContract.jobs, { query: Object.fromEntries(query({ page: String(page), pageSize: String(pageSize) })) }),
  });
  const sortable = (column: OfficeSort<'jobs'>, label: string) => (
    <SortableTh label={label} active={sort === column} order={order} onSort={() => setSort(column, FIRST_ORDER[column])} testId={column} />
  );
  const rows = list.data?.jobs ?? [];
  return (
    <OfficeListFrame
      title={t('lists.jobs.title')}
      filters={
        <>
          <SearchBox key={filters.q} value={filters.q} label={t('lists.jobs.search')} onSearch={(q) => setFilter('q', q || null)} />
          <Select
            label={t('lists.jobs.state')}
            placeholder={t('lists.any')}
            clearable
            data={STATES.map((s) => ({ value: s, label: t(`lists.jobs.states.${s}`) }))}
            value={filters.state || null}
            onChange={(v) => setFilter('state', v)}
            data-testid="filter-state"
          />
          <Select
            label={t('lists.jobs.kind')}
            placeholder={t('lists.any')}
            clearable
            data={jobKinds.map((k) => ({ value: k, label: t(kindKey(k)) }))}
            value={filters.kind || null}
            onChange={(v) => setFilter('kind', v)}
          />
        </>
      }
      onReset={reset}
      create={
        // jobs are started where their work is: a Slurm apply and a usage import, on the allocations page
        <Button component={Link} to="/allocations" variant="light" data-testid="create-job">
          {t('listTools.create.jobs')}
        </Button>
      }
      query={list}
      empty={!!list.data && rows.length === 0}
    >
      {rows.length > 0 && (
        <Table striped data-testid="jobs-table">
          <Table.Thead>
            <Table.Tr>
              {sortable('kind', t('lists.jobs.kind'))}
              {sortable('state', t('lists.jobs.state'))}
              <Table.Th>{t('lists.jobs.attempts')}</Table.Th>
              {sortable('createdAt', t('lists.jobs.createdAt'))}
              {sortable('finishedAt', t('lists.jobs.finishedAt'))}
              <Table.Th>{t('lists.jobs.error')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((j) => (
              <Table.Tr key={j.id} data-testid="job-row">
                <Table.Td>{t(kindKey(j.kind))}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={stateColor[j.status]}>
                    {t(`lists.jobs.states.${j.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{t('lists.jobs.attemptCount', { count: j.attempts })}</Table.Td>
                <Table.Td>{formatInstant(j.createdAt, lang)}</Table.Td>
                <Table.Td>{j.finishedAt ? formatInstant(j.finishedAt, lang) : '—'}</Table.Td>
                {/* the worker's own words, kept as written (a stack line, a Slurm message) */}
                <Table.Td translate="no">
                  {j.error && (
                    <Text size="xs" c="red" lineClamp={2}>
                      {j.error}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.data && <ListPager page={page} pageSize={pageSize} total={list.data.total} onPage={setPage} onPageSize={setPageSize} />}
    </OfficeListFrame>
  );
}
