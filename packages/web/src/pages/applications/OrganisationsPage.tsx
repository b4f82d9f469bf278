import { Alert, Badge, Button, Card, Grid, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../api/session';
import type { FieldIssue } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { countryOptions, organisationTypeOptions } from '../../components/consortium/options';
import { messagesByField } from '../../components/consortium/consortium-draft';
import { RegistrationNumberInput, registrationProblem } from '../../components/consortium/RegistrationNumberInput';
import { formatInstant } from '../../format/time';
import { registerOrganisation, useOrganisation, useOrganisations, type Organisation } from './api';
import { issuesOf } from './issues';
import { OrganisationMembers } from './OrganisationMembers';

const blank = { nameKo: '', nameEn: '', type: '', country: 'KR', registrationNo: '' };

function RegisterOrganisation({ onDone }: { onDone: (o: Organisation) => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState(blank);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const errors = messagesByField(issues, i18n.language);
  const set = (patch: Partial<typeof blank>) => {
    setForm({ ...form, ...patch });
    // a server message is about what was sent; once the field changes it no longer applies
    setIssues(issues.filter((i) => !Object.keys(patch).includes(i.field)));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (registrationProblem(form.registrationNo, i18n.language)) return;
    setBusy(true);
    try {
      const res = await registerOrganisation({ ...form, registrationNo: form.registrationNo.trim() || undefined });
      await qc.invalidateQueries({ queryKey: ['organisations'] });
      setForm(blank);
      setIssues([]);
      onDone(res.organisation);
    } catch (err) {
      setIssues(issuesOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={4}>{t('applications.org.register')}</Title>
          <Text size="sm" c="dimmed">
            {t('applications.org.registerHelp')}
          </Text>
          {errors['(form)'] && <Alert color="red">{errors['(form)']}</Alert>}
          <TextInput
            label={t('applications.org.nameKo')}
            withAsterisk
            value={form.nameKo}
            error={errors.nameKo}
            onChange={(e) => set({ nameKo: e.currentTarget.value })}
          />
          <TextInput
            label={t('applications.org.nameEn')}
            withAsterisk
            value={form.nameEn}
            error={errors.nameEn}
            onChange={(e) => set({ nameEn: e.currentTarget.value })}
          />
          <Select
            label={t('applications.org.type')}
            withAsterisk
            data={organisationTypeOptions(t)}
            value={form.type || null}
            error={errors.type}
            onChange={(v) => set({ type: v ?? '' })}
            placeholder={t('applications.consortium.choose')}
          />
          <Select
            label={t('applications.org.country')}
            withAsterisk
            searchable
            data={countryOptions(i18n.language, form.country)}
            value={form.country}
            error={errors.country}
            onChange={(v) => set({ country: v ?? '' })}
            allowDeselect={false}
          />
          <RegistrationNumberInput
            label={t('applications.org.registrationNo')}
            description={t('applications.org.registrationNoHelp')}
            withAsterisk={form.country === 'KR'}
            value={form.registrationNo}
            serverError={errors.registrationNo}
            onChange={(v) => set({ registrationNo: v })}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t('applications.org.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function OrganisationDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { data, isLoading, error } = useOrganisation(id);
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  const o = data.organisation;
  return (
    <Card withBorder padding="lg" data-testid="organisation-detail">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{i18n.language === 'en' ? o.nameEn : o.nameKo}</Title>
          <Badge>{t(`applications.orgType.${o.type}`)}</Badge>
        </Group>
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={200}>{t('applications.org.nameKo')}</Table.Th>
              <Table.Td>{o.nameKo}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('applications.org.nameEn')}</Table.Th>
              <Table.Td>{o.nameEn}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('applications.org.country')}</Table.Th>
              <Table.Td>{o.country}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('applications.org.registrationNo')}</Table.Th>
              <Table.Td>{o.registrationNo ?? '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('applications.org.registeredAt')}</Table.Th>
              <Table.Td>{formatInstant(o.createdAt, i18n.language)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <OrganisationMembers id={id} data={data} />
      </Stack>
    </Card>
  );
}

export function OrganisationsPage() {
  const { t, i18n } = useTranslation();
  const { data: actor, isLoading: sessionLoading } = useSession();
  const { data, isLoading, error } = useOrganisations(!!actor);
  const [selected, setSelected] = useState<string | null>(null);
  const [justRegistered, setJustRegistered] = useState<Organisation | null>(null);
  if (sessionLoading) return <QueryState isLoading error={null} />;
  if (!actor) return <Alert color="blue">{t('applications.signInFirst')}</Alert>;
  const current = selected ?? data?.[0]?.id ?? null;
  return (
    <Stack maw={1200}>
      <Title order={2}>{t('applications.org.title')}</Title>
      <Text c="dimmed">{t('applications.org.intro')}</Text>
      {justRegistered && (
        <Alert color="teal" data-testid="org-registered" withCloseButton onClose={() => setJustRegistered(null)}>
          {t('applications.org.registered', { name: justRegistered.nameKo })} <Link to="/calls">{t('applications.org.toCalls')}</Link>
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Card withBorder padding="lg">
              <Title order={4} mb="sm">
                {t('applications.org.mine')}
              </Title>
              <QueryState isLoading={isLoading} error={error} />
              {data && data.length === 0 && <Text c="dimmed">{t('applications.org.none')}</Text>}
              {data && data.length > 0 && (
                <Table highlightOnHover data-testid="organisations-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('applications.org.name')}</Table.Th>
                      <Table.Th>{t('applications.org.type')}</Table.Th>
                      <Table.Th>{t('applications.org.registrationNo')}</Table.Th>
                      <Table.Th>{t('applications.org.memberRole')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.map((o) => (
                      <Table.Tr
                        key={o.id}
                        onClick={() => setSelected(o.id)}
                        style={{ cursor: 'pointer' }}
                        bg={o.id === current ? 'var(--mantine-color-indigo-light)' : undefined}
                      >
                        <Table.Td>
                          {i18n.language === 'en' ? o.nameEn : o.nameKo}
                          <Text size="xs" c="dimmed">
                            {i18n.language === 'en' ? o.nameKo : o.nameEn}
                          </Text>
                        </Table.Td>
                        <Table.Td>{t(`applications.orgType.${o.type}`)}</Table.Td>
                        <Table.Td>{o.registrationNo ?? '—'}</Table.Td>
                        <Table.Td>{o.myRole ? t(`applications.org.roles.${o.myRole}`) : '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
            {current && <OrganisationDetail id={current} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          {actor.role === 'applicant' ? (
            <RegisterOrganisation
              onDone={(o) => {
                setJustRegistered(o);
                setSelected(o.id);
              }}
            />
          ) : (
            <Alert color="gray">{t('applications.org.applicantsRegister')}</Alert>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
