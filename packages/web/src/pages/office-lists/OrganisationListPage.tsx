import { Badge, Button, Checkbox, Group, Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { officeContract, type OfficeSort, type SortOrder } from '@stagegate/core/contract/office';
import { call } from '../../api/contract-client';
import type { OfficeOrganisation } from '../../api/office-lists';
import { ListPager } from '../../components/ListPager';
import { formatInstant } from '../../format/time';
import { BulkVerifyButton } from './BulkVerifyButton';
import { OfficeListFrame } from './OfficeListFrame';
import { SearchBox } from './SearchBox';
import { SortableTh } from './SortableTh';
import { useListParams } from './use-list-params';

const FILTERS = ['q', 'verification'] as const;
/** how each sortable column runs when first clicked: names from the start, days newest first, those waiting first */
const FIRST_ORDER: Record<OfficeSort<'organisations'>, SortOrder> = { name: 'asc', createdAt: 'desc', verification: 'desc', verifiedAt: 'desc' };

/** Registered organisations for the office: search, the verification filter, pages, and verification in bulk. */
export function OrganisationListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { filters, page, pageSize, sort, order, setFilter, setPage, setPageSize, setSort, query, reset } = useListParams(FILTERS, 'organisations');
  const list = useQuery({
    queryKey: ['office', 'organisations', filters, sort, order, page, pageSize],
    queryFn: () => call(officeContract.organisations, { query: Object.fromEntries(query({ page: String(page), pageSize: String(pageSize) })) }),
  });
  const sortable = (column: OfficeSort<'organisations'>, label: string) => (
    <SortableTh label={label} active={sort === column} order={order} onSort={() => setSort(column, FIRST_ORDER[column])} testId={column} />
  );
  // the choice holds across pages, each organisation as it was seen (its revision goes with the verification)
  const [chosen, setChosen] = useState<Map<string, OfficeOrganisation>>(new Map());
  const rows = list.data?.organisations ?? [];
  const toggle = (o: OfficeOrganisation, on: boolean) =>
    setChosen((m) => {
      const next = new Map(m);
      if (on) next.set(o.id, o);
      else next.delete(o.id);
      return next;
    });
  const all = [...chosen.values()];
  const done = () => setChosen(new Map());

  return (
    <OfficeListFrame
      title={t('lists.organisations.title')}
      filters={
        <>
          <SearchBox key={filters.q} value={filters.q} label={t('lists.organisations.search')} onSearch={(q) => setFilter('q', q || null)} />
          <Select
            label={t('lists.organisations.verification')}
            placeholder={t('lists.any')}
            clearable
            data={(['unverified', 'verified'] as const).map((s) => ({ value: s, label: t(`lists.organisations.states.${s}`) }))}
            value={filters.verification || null}
            onChange={(v) => setFilter('verification', v)}
            data-testid="filter-verification"
          />
        </>
      }
      onReset={reset}
      actions={
        <>
          <Group>
            <BulkVerifyButton chosen={all} verified onDone={done} />
            <BulkVerifyButton chosen={all} verified={false} onDone={done} />
            {chosen.size > 0 && (
              <Button variant="subtle" onClick={done}>
                {t('lists.clearSelection', { count: chosen.size })}
              </Button>
            )}
          </Group>
        </>
      }
      query={list}
      empty={!!list.data && rows.length === 0}
    >
      {rows.length > 0 && (
        <Table striped data-testid="organisations-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <Checkbox
                  aria-label={t('lists.organisations.selectPage')}
                  checked={rows.every((o) => chosen.has(o.id))}
                  onChange={(e) => rows.forEach((o) => toggle(o, e.currentTarget.checked))}
                />
              </Table.Th>
              {sortable('name', t('lists.organisations.name'))}
              <Table.Th>{t('lists.organisations.type')}</Table.Th>
              <Table.Th>{t('lists.organisations.registrationNo')}</Table.Th>
              {sortable('verification', t('lists.organisations.verification'))}
              {sortable('verifiedAt', t('lists.organisations.verifiedAt'))}
              {sortable('createdAt', t('listTools.columns.createdAt'))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => (
              <Table.Tr key={o.id} data-testid="organisation-row">
                <Table.Td>
                  <Checkbox
                    aria-label={t('lists.organisations.selectOne', { name: o.nameKo })}
                    checked={chosen.has(o.id)}
                    onChange={(e) => toggle(o, e.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{lang === 'en' ? o.nameEn || o.nameKo : o.nameKo}</Text>
                  {lang !== 'en' && o.nameEn && (
                    <Text size="xs" c="dimmed">
                      {o.nameEn}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t(`applications.orgType.${o.type}`)}</Table.Td>
                <Table.Td>{o.registrationNo ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={o.verificationStatus === 'verified' ? 'green' : 'orange'}>
                    {t(`lists.organisations.states.${o.verificationStatus}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{o.verifiedAt ? formatInstant(o.verifiedAt, lang) : '—'}</Table.Td>
                <Table.Td>{formatInstant(o.createdAt, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.data && <ListPager page={page} pageSize={pageSize} total={list.data.total} onPage={setPage} onPageSize={setPageSize} />}
    </OfficeListFrame>
  );
}
