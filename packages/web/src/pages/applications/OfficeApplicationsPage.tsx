import { Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { applicationStatuses } from '@stagegate/core/application/application-status';
import { proposalDomains } from '@stagegate/core/application/proposal';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { callTableExportUrl, useCallTable, useCalls } from './api';
import { statusColor } from './status';

/** The program office's table of one call's applications, with filters kept in the address (shareable) and an Excel export of the same rows. */
export function OfficeApplicationsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const params = useParams();
  const { data: actor } = useSession();
  const { data: calls } = useCalls();
  const [search, setSearch] = useSearchParams();
  const program = params.program ?? calls?.calls[0]?.program ?? '';
  const callKey = params.call ?? calls?.calls.find((c) => c.program === program)?.key ?? '';
  const filters = { eligibility: search.get('eligibility'), domain: search.get('domain'), status: search.get('status') };
  const table = useCallTable(program, callKey, filters);
  if (actor && actor.role !== 'operator') return <Alert color="red">{t('applications.office.operatorsOnly')}</Alert>;
  const setFilter = (k: keyof typeof filters, v: string | null) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    setSearch(next);
  };
  const call = calls?.calls.find((c) => c.program === program && c.key === callKey);
  const exportName = `applications-${program}-${callKey}.xlsx`;
  return (
    <Stack maw={1400}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('applications.office.title')}</Title>
          {call && (
            <Text c="dimmed">
              {pick(call.programName, lang)} · {t('applications.calls.closes')} {formatInstant(call.closes, lang)}
            </Text>
          )}
        </div>
        <Select
          label={t('applications.office.call')}
          w={380}
          data={(calls?.calls ?? []).map((c) => ({ value: `${c.program}/${c.key}`, label: `${pick(c.name, lang)}` }))}
          value={program && callKey ? `${program}/${callKey}` : null}
          onChange={(v) => v && navigate(`/office/calls/${v}`)}
          allowDeselect={false}
        />
      </Group>
      <Card withBorder padding="md">
        <Group align="flex-end" justify="space-between">
          <Group align="flex-end">
            <Select
              label={t('applications.office.eligibility')}
              clearable
              placeholder={t('applications.office.all')}
              data={[
                { value: 'eligible', label: t('applications.verdict.eligible') },
                { value: 'ineligible', label: t('applications.verdict.ineligible') },
              ]}
              value={filters.eligibility}
              onChange={(v) => setFilter('eligibility', v)}
            />
            <Select
              label={t('applications.proposal.domain')}
              clearable
              placeholder={t('applications.office.all')}
              data={proposalDomains.map((d) => ({ value: d, label: t(`applications.domain.${d}`) }))}
              value={filters.domain}
              onChange={(v) => setFilter('domain', v)}
            />
            <Select
              label={t('applications.office.status')}
              clearable
              placeholder={t('applications.office.all')}
              data={applicationStatuses.map((s) => ({ value: s, label: t(`applications.status.${s}`) }))}
              value={filters.status}
              onChange={(v) => setFilter('status', v)}
            />
          </Group>
          <Button component="a" href={callTableExportUrl(program, callKey, filters)} download={exportName} variant="light" data-testid="export-xlsx">
            {t('applications.office.export')}
          </Button>
        </Group>
      </Card>
      <Card withBorder padding="md">
        <QueryState isLoading={table.isLoading} error={table.error} />
        {table.data && (
          <>
            <Text size="sm" c="dimmed" mb="xs">
              {t('applications.office.count', { count: table.data.length })}
            </Text>
            {table.data.length === 0 ? (
              <Text c="dimmed" py="lg" ta="center">
                {t('applications.office.empty')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={1000}>
                <Table striped highlightOnHover data-testid="office-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('applications.receipt.number')}</Table.Th>
                      <Table.Th>{t('applications.proposal.title')}</Table.Th>
                      <Table.Th>{t('applications.consortium.lead')}</Table.Th>
                      <Table.Th ta="right">{t('applications.office.participants')}</Table.Th>
                      <Table.Th>{t('applications.proposal.domain')}</Table.Th>
                      <Table.Th>{t('applications.office.eligibility')}</Table.Th>
                      <Table.Th>{t('applications.office.status')}</Table.Th>
                      <Table.Th>{t('applications.receipt.submittedAt')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {table.data.map((r) => (
                      <Table.Tr
                        key={r.id}
                        style={{ cursor: 'pointer' }}
                        onClick={() => navigate(`/applications/${r.id}`)}
                        data-testid={`office-row-${r.receiptNo ?? r.id}`}
                      >
                        <Table.Td style={{ fontFamily: 'monospace' }}>{r.receiptNo ?? '—'}</Table.Td>
                        <Table.Td>{r.title || t('applications.untitled')}</Table.Td>
                        <Table.Td>{r.leadName ?? r.organisationName ?? '—'}</Table.Td>
                        <Table.Td ta="right">{r.participantCount}</Table.Td>
                        <Table.Td>{r.domain ? t(`applications.domain.${r.domain}`) : '—'}</Table.Td>
                        <Table.Td>
                          {r.eligible === null ? (
                            <Badge color="gray" variant="light">
                              {t('applications.verdict.unknown')}
                            </Badge>
                          ) : (
                            <Badge color={r.eligible ? 'teal' : 'red'} variant="light">
                              {r.eligible ? t('applications.verdict.eligible') : t('applications.verdict.ineligible')}
                            </Badge>
                          )}
                          {r.overridden && (
                            <Badge ml={4} color="orange" variant="outline" size="xs">
                              {t('applications.verdict.overriddenShort')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Badge color={statusColor[r.status]} variant="light">
                            {t(`applications.status.${r.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{r.submittedAt ? formatInstant(r.submittedAt, lang) : '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
      </Card>
    </Stack>
  );
}
