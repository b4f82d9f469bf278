import { Alert, Anchor, Badge, Button, Checkbox, Group, Select, Table, Text } from '@mantine/core';
import { officeContract, type OfficeSort, type SortOrder } from '@stagegate/core/contract/office';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { call } from '../../api/contract-client';
import { usePrograms } from '../../api/programs';
import { ListPager } from '../../components/ListPager';
import { formatInstant, pick } from '../../format/time';
import { DraftReminderButton } from './DraftReminderButton';
import { downloadExport } from './download-export';
import { OfficeListFrame } from './OfficeListFrame';
import { SearchBox } from './SearchBox';
import { SortableTh } from './SortableTh';
import { useListParams } from './use-list-params';

const FILTERS = ['q', 'program', 'call', 'status', 'eligibility'] as const;
/** how each sortable column runs when first clicked: days newest first, words and numbers from the start */
const FIRST_ORDER: Record<OfficeSort<'applications'>, SortOrder> = { receiptNo: 'asc', title: 'asc', organisation: 'asc', status: 'asc', submittedAt: 'desc' };

/** Every program's applications for the office: search, filters, pages, the export and reminders to drafts. */
export function ApplicationListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { filters, page, pageSize, sort, order, setFilter, setPage, setPageSize, setSort, query, reset } = useListParams(FILTERS, 'applications');
  const programs = usePrograms();
  const list = useQuery({
    queryKey: ['office', 'applications', filters, sort, order, page, pageSize],
    queryFn: () => call(officeContract.applications, { query: Object.fromEntries(query({ page: String(page), pageSize: String(pageSize) })) }),
  });
  const sortable = (column: OfficeSort<'applications'>, label: string) => (
    <SortableTh label={label} active={sort === column} order={order} onSort={() => setSort(column, FIRST_ORDER[column])} testId={column} />
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const rows = list.data?.applications ?? [];
  const drafts = rows.filter((r) => r.status === 'draft');
  const program = programs.data?.find((p) => p.slug === filters.program);
  const programName = (slug: string) => pick(programs.data?.find((p) => p.slug === slug)?.shortName, lang) || t('lists.applications.otherProgram');
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? new Set(s).add(id) : new Set([...s].filter((x) => x !== id))));
  const exportNow = async () => {
    setExporting(true);
    setExportError(await downloadExport(`${officeContract.exportApplications.path}?${query()}`, 'applications.xlsx', lang));
    setExporting(false);
  };

  return (
    <OfficeListFrame
      title={t('lists.applications.title')}
      filters={
        <>
          <SearchBox key={filters.q} value={filters.q} label={t('lists.applications.search')} onSearch={(q) => setFilter('q', q || null)} />
          <Select
            label={t('lists.applications.program')}
            placeholder={t('lists.any')}
            clearable
            data={(programs.data ?? []).map((p) => ({ value: p.slug, label: pick(p.shortName, lang) }))}
            value={filters.program || null}
            onChange={(v) => setFilter('program', v)}
            data-testid="filter-program"
          />
          <Select
            label={t('lists.applications.call')}
            placeholder={t('lists.any')}
            clearable
            disabled={!program}
            data={(program?.calls ?? []).map((c) => ({ value: c.key, label: pick(c.name, lang) }))}
            value={filters.call || null}
            onChange={(v) => setFilter('call', v)}
          />
          <Select
            label={t('lists.applications.status')}
            placeholder={t('lists.any')}
            clearable
            data={(['draft', 'submitted', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`lists.applications.statuses.${s}`) }))}
            value={filters.status || null}
            onChange={(v) => setFilter('status', v)}
            data-testid="filter-status"
          />
          <Select
            label={t('lists.applications.eligibility')}
            placeholder={t('lists.any')}
            clearable
            data={(['eligible', 'ineligible', 'undecided'] as const).map((s) => ({ value: s, label: t(`lists.applications.verdicts.${s}`) }))}
            value={filters.eligibility || null}
            onChange={(v) => setFilter('eligibility', v)}
          />
        </>
      }
      onReset={reset}
      create={
        <Button component={Link} to={`/office/program-calls${filters.program ? `/${filters.program}` : ''}`} variant="light" data-testid="create-call">
          {t('listTools.create.call')}
        </Button>
      }
      actions={
        <>
          <Group>
            <Button variant="default" onClick={exportNow} loading={exporting} disabled={!list.data?.total} data-testid="export-xlsx">
              {t('lists.applications.export', { count: list.data?.total ?? 0 })}
            </Button>
            <DraftReminderButton ids={[...selected]} onDone={() => setSelected(new Set())} />
            {selected.size > 0 && (
              <Button variant="subtle" onClick={() => setSelected(new Set())}>
                {t('lists.clearSelection', { count: selected.size })}
              </Button>
            )}
          </Group>
          {exportError && (
            <Alert color="red" data-testid="export-error">
              {exportError}
            </Alert>
          )}
        </>
      }
      query={list}
      empty={!!list.data && rows.length === 0}
    >
      {rows.length > 0 && (
        <Table striped data-testid="applications-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <Checkbox
                  aria-label={t('lists.applications.selectDrafts')}
                  disabled={drafts.length === 0}
                  checked={drafts.length > 0 && drafts.every((d) => selected.has(d.id))}
                  onChange={(e) => drafts.forEach((d) => toggle(d.id, e.currentTarget.checked))}
                />
              </Table.Th>
              {sortable('receiptNo', t('lists.applications.receiptNo'))}
              {sortable('title', t('lists.applications.titleCol'))}
              {sortable('organisation', t('lists.applications.organisation'))}
              <Table.Th>{t('lists.applications.program')}</Table.Th>
              {sortable('status', t('lists.applications.status'))}
              <Table.Th>{t('lists.applications.eligibility')}</Table.Th>
              {sortable('submittedAt', t('lists.applications.submittedAt'))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => (
              <Table.Tr key={a.id} data-testid="application-row">
                <Table.Td>
                  {a.status === 'draft' && (
                    <Checkbox
                      aria-label={t('lists.applications.selectOne', { title: a.title || t('lists.applications.untitled') })}
                      checked={selected.has(a.id)}
                      onChange={(e) => toggle(a.id, e.currentTarget.checked)}
                    />
                  )}
                </Table.Td>
                <Table.Td>{a.receiptNo ?? '—'}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/applications/${a.id}`} size="sm">
                    {a.title || t('lists.applications.untitled')}
                  </Anchor>
                </Table.Td>
                <Table.Td>{lang === 'en' ? a.organisationNameEn || a.organisationName : a.organisationName}</Table.Td>
                <Table.Td>{programName(a.program)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={a.status === 'submitted' ? 'green' : a.status === 'draft' ? 'blue' : 'gray'}>
                    {t(`lists.applications.statuses.${a.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {t(`lists.applications.verdicts.${a.eligible === null ? 'undecided' : a.eligible ? 'eligible' : 'ineligible'}`)}
                  {a.overridden && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      {t('lists.applications.overridden')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{a.submittedAt ? formatInstant(a.submittedAt, lang) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.data && <ListPager page={page} pageSize={pageSize} total={list.data.total} onPage={setPage} onPageSize={setPageSize} />}
    </OfficeListFrame>
  );
}
