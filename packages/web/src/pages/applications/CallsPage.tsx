import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { startApplication, useCalls, useMyApplications, useOrganisations, type CallSummary } from './api';
import { callState, durationText, stateColor } from './call-window';
import { issuesOf } from './issues';
import { CallBriefingAndDocuments } from './CallBriefingAndDocuments';

function StartApplication({ call }: { call: CallSummary }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { data: orgs } = useOrganisations();
  const [org, setOrg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!orgs) return null;
  if (orgs.length === 0)
    return (
      <Alert color="yellow">
        {t('applications.calls.needOrganisation')} <Link to="/organisations">{t('applications.calls.registerOrganisation')}</Link>
      </Alert>
    );
  const chosen = org ?? orgs[0]!.id;
  const start = async () => {
    setBusy(true);
    try {
      const res = await startApplication({ program: call.program, call: call.key, organisationId: chosen });
      await qc.invalidateQueries({ queryKey: ['applications'] });
      navigate(`/applications/${res.application.id}`);
    } catch (e) {
      setError(
        issuesOf(e)
          .map((i) => pick(i.message, i18n.language))
          .join(' · '),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <Select
          label={t('applications.calls.leadOrganisation')}
          data={orgs.map((o) => ({ value: o.id, label: i18n.language === 'en' ? o.nameEn : o.nameKo }))}
          value={chosen}
          onChange={setOrg}
          allowDeselect={false}
          style={{ flex: 1 }}
        />
        <Button onClick={start} loading={busy}>
          {t('applications.calls.start')}
        </Button>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
    </Stack>
  );
}

export function CallsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: actor } = useSession();
  const { data, isLoading, error, dataUpdatedAt } = useCalls();
  const { data: mine } = useMyApplications(actor?.role === 'applicant');
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  // the server's clock, advanced by the time since it answered
  const now = new Date(new Date(data.now).getTime() + (Date.now() - dataUpdatedAt));
  const calls = [...data.calls].sort(
    (a, b) => ['open', 'upcoming', 'closed'].indexOf(callState(a, now)) - ['open', 'upcoming', 'closed'].indexOf(callState(b, now)),
  );
  return (
    <Stack maw={1200}>
      <Title order={2}>{t('applications.calls.title')}</Title>
      <Text c="dimmed">{t('applications.calls.intro')}</Text>
      {calls.length === 0 && <Alert color="gray">{t('applications.calls.none')}</Alert>}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {calls.map((c) => {
          const state = callState(c, now);
          const myHere = mine?.filter((m) => m.program === c.program && m.call === c.key) ?? [];
          return (
            <Card key={`${c.program}/${c.key}`} withBorder padding="lg" data-testid={`call-${c.program}-${c.key}`}>
              <Stack gap="sm">
                <Group justify="space-between" align="flex-start">
                  <div>
                    <Text size="sm" c="dimmed">
                      {pick(c.programName, lang)}
                    </Text>
                    <Title order={3}>{pick(c.name, lang)}</Title>
                  </div>
                  <Badge size="lg" color={stateColor[state]} data-testid="call-state">
                    {c.stateLabel ? pick(c.stateLabel, lang) : t(`applications.calls.state.${state}`)}
                  </Badge>
                </Group>
                {c.notice && <Text size="sm">{pick(c.notice, lang)}</Text>}
                <Table>
                  <Table.Tbody>
                    <Table.Tr>
                      <Table.Th w={140}>{t('applications.calls.opens')}</Table.Th>
                      <Table.Td>{formatInstant(c.opens, lang)}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>{t('applications.calls.closes')}</Table.Th>
                      <Table.Td>
                        {formatInstant(c.closes, lang)}
                        {state === 'open' && (
                          <Text span c="orange" fw={600} ml="sm" data-testid="closes-in">
                            {t('applications.calls.closesIn', { left: durationText(new Date(c.closes).getTime() - now.getTime(), t) })}
                          </Text>
                        )}
                        {state === 'upcoming' && (
                          <Text span c="blue" ml="sm">
                            {t('applications.calls.opensIn', { left: durationText(new Date(c.opens).getTime() - now.getTime(), t) })}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>{t('applications.calls.receiptPrefix')}</Table.Th>
                      <Table.Td>{c.receiptPrefix}</Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
                <CallBriefingAndDocuments call={c} />
                {c.windowOverride && (
                  <Text size="xs" c="dimmed">
                    {t('applications.calls.windowOverride', { reason: c.windowOverride.reason ?? '—' })}
                  </Text>
                )}
                {myHere.length > 0 && (
                  <Stack gap={4}>
                    <Text size="sm" fw={600}>
                      {t('applications.calls.mine')}
                    </Text>
                    {myHere.map((m) => (
                      <Group key={m.id} gap="xs">
                        <Link to={m.status === 'submitted' ? `/applications/${m.id}/receipt` : `/applications/${m.id}`}>
                          {m.title || t('applications.untitled')}
                        </Link>
                        <Badge size="sm" variant="light">
                          {t(`applications.status.${m.status}`)}
                        </Badge>
                        {m.receiptNo && <Text size="xs">{m.receiptNo}</Text>}
                      </Group>
                    ))}
                  </Stack>
                )}
                {actor?.role === 'applicant' && state === 'open' && <StartApplication call={c} />}
                {!actor && state === 'open' && (
                  <Button component={Link} to="/sign-in" variant="light">
                    {t('applications.calls.signInToApply')}
                  </Button>
                )}
                {actor?.role === 'operator' && (
                  <Button component={Link} to={`/office/calls/${c.program}/${c.key}`} variant="light">
                    {t('applications.office.openTable')}
                  </Button>
                )}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
