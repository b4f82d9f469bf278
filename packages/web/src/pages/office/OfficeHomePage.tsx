import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { officeContract } from '@stagegate/core/contract/office';
import { call } from '../../api/contract-client';
import type { OfficeHome } from '../../api/office-lists';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatInstant, pick } from '../../format/time';
import { OfficeListLinks } from '../office-lists/OfficeListLinks';

type ProgramCalendar = OfficeHome['calendar'];

function useOfficeHome() {
  return useQuery({ queryKey: ['office', 'home'], queryFn: () => call(officeContract.home) });
}

/** The program office's desk: what waits for it, and each program's calendar with today marked. */
export function OfficeHomePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: actor } = useSession();
  const home = useOfficeHome();
  if (actor && actor.role !== 'operator') return <Alert color="red">{t('office.operatorsOnly')}</Alert>;
  const d = home.data;
  const waitingTotal = d?.waiting.reduce((s, g) => s + g.total, 0) ?? 0;
  return (
    <Stack maw={1400}>
      <Title order={2}>{t('office.title')}</Title>
      <OfficeListLinks />
      <QueryState isLoading={home.isLoading} error={home.error} />
      {d && (
        <>
          <Text c="dimmed" data-testid="office-waiting-total">
            {waitingTotal === 0 ? t('office.nothingWaits') : t('office.waitingTotal', { count: waitingTotal })}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
            {d.waiting.map((g) => (
              <Card key={g.kind} withBorder padding="md" data-testid={`waiting-${g.kind}`}>
                <Group justify="space-between" mb="xs">
                  <Text fw={600}>{t(`office.waiting.${g.kind}`)}</Text>
                  <Badge color={g.total > 0 ? 'orange' : 'gray'} variant={g.total > 0 ? 'filled' : 'light'} data-testid="waiting-count">
                    {t('office.count', { count: g.total })}
                  </Badge>
                </Group>
                {g.items.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('office.none')}
                  </Text>
                ) : (
                  <Stack gap={4}>
                    {g.items.map((i) => (
                      <Group key={i.id} justify="space-between" wrap="nowrap" gap="xs">
                        <Anchor component={Link} to={i.link} size="sm" lineClamp={1}>
                          {pick(i.label, lang)}
                        </Anchor>
                        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                          {formatInstant(i.since, lang)}
                        </Text>
                      </Group>
                    ))}
                    {g.total > g.items.length && (
                      <Text size="xs" c="dimmed">
                        {t('office.more', { count: g.total - g.items.length })}
                      </Text>
                    )}
                  </Stack>
                )}
              </Card>
            ))}
          </SimpleGrid>
          <CalendarView calendar={d.calendar} />
        </>
      )}
    </Stack>
  );
}

function CalendarView({ calendar }: { calendar: ProgramCalendar }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const past = calendar.entries.filter((e) => e.when === 'past');
  const rest = calendar.entries.filter((e) => e.when !== 'past');
  const row = (e: ProgramCalendar['entries'][number], i: number) => (
    <Table.Tr key={`${e.program}-${e.kind}-${i}`} data-when={e.when} bg={e.when === 'now' ? 'var(--mantine-color-blue-light)' : undefined}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {formatDate(e.start, lang)}
        {e.end !== e.start && ` – ${formatDate(e.end, lang)}`}
      </Table.Td>
      <Table.Td>{pick(e.programName, lang)}</Table.Td>
      <Table.Td>
        <Badge variant="light">{t(`office.calendar.kinds.${e.kind}`)}</Badge>
      </Table.Td>
      <Table.Td>{pick(e.title, lang)}</Table.Td>
      <Table.Td>{e.closesAt ? formatInstant(e.closesAt, lang) : ''}</Table.Td>
    </Table.Tr>
  );
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={3}>{t('office.calendar.title')}</Title>
        <Badge size="lg" color="blue" data-testid="calendar-today">
          {t('office.calendar.today', { day: formatDate(calendar.today, lang) })}
        </Badge>
      </Group>
      {calendar.deadlines.length > 0 && (
        <Alert color="orange" mb="sm" data-testid="calendar-deadlines">
          <Stack gap={2}>
            {calendar.deadlines.map((dl, i) => (
              <Text key={i} size="sm">
                {t('office.calendar.deadline', { title: pick(dl.title, lang), at: formatInstant(dl.closesAt, lang), count: dl.daysLeft })}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Table data-testid="office-calendar">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('office.calendar.when')}</Table.Th>
            <Table.Th>{t('office.calendar.program')}</Table.Th>
            <Table.Th>{t('office.calendar.kind')}</Table.Th>
            <Table.Th>{t('office.calendar.what')}</Table.Th>
            <Table.Th>{t('office.calendar.closes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {past.map(row)}
          {/* the today marker sits where the past ends */}
          <Table.Tr data-testid="calendar-today-marker">
            <Table.Td colSpan={5} style={{ borderTop: '2px solid var(--mantine-color-red-6)' }}>
              <Text size="xs" c="red" fw={700}>
                {t('office.calendar.todayLine', { day: formatDate(calendar.today, lang) })}
              </Text>
            </Table.Td>
          </Table.Tr>
          {rest.map((e, i) => row(e, past.length + i))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
