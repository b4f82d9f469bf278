import { Alert, Badge, Card, Grid, Group, NumberInput, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call as callApi } from '../../api/contract-client';
import { QueryState } from '../../components/QueryState';
import { formatInstant } from '../../format/time';
import { pick } from '../../format/time';
import { reviewContract, useOutbox, useOverview, usePool, useRefreshReview, type PoolEntry } from './api';
import { fieldError, Issues, issuesOf } from './errors';
import { issuesText } from '../../api/issue-text';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import type { ResponseOf } from '@stagegate/core/contract/route';

type InvitePreview = Extract<ResponseOf<typeof reviewContract.invite, 200>, { status: 'preview' }>;

const statusColor = { invited: 'yellow', accepted: 'green', declined: 'gray' } as const;
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** The call's reviewer pool: expertise, affiliations, loads and panels; invitations and the outbox. */
export function PoolPanel({ program, call }: { program: string; call: string }) {
  const { t, i18n } = useTranslation();
  const pool = usePool(program, call);
  const outbox = useOutbox(program, call);
  const overview = useOverview(program, call);
  const roundName = (key: string) => {
    const round = overview.data?.rounds.find((r) => r.key === key);
    return round ? pick(round.name, i18n.language) : key;
  };
  return (
    <Stack>
      <QueryState isLoading={pool.isLoading} error={pool.error} />
      <Card withBorder padding="md">
        {pool.data && pool.data.reviewers.length === 0 && <Text c="dimmed">{t('review.pool.empty')}</Text>}
        <Table striped data-testid="reviewer-pool">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('review.pool.name')}</Table.Th>
              <Table.Th>{t('review.pool.status')}</Table.Th>
              <Table.Th>{t('review.pool.domains')}</Table.Th>
              <Table.Th>{t('review.pool.keywords')}</Table.Th>
              <Table.Th>{t('review.pool.affiliations')}</Table.Th>
              <Table.Th>{t('review.pool.load')}</Table.Th>
              <Table.Th>{t('review.pool.rounds')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pool.data?.reviewers.map((r: PoolEntry) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Text fw={500}>{r.name}</Text>
                  <Text size="xs" c="dimmed">
                    {r.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={statusColor[r.status]}>{t(`review.pool.statuses.${r.status}`)}</Badge>
                </Table.Td>
                <Table.Td>{r.domains.map((d) => t(`applications.domain.${d}`, { defaultValue: d })).join(', ')}</Table.Td>
                <Table.Td>{r.keywords.join(', ')}</Table.Td>
                <Table.Td>
                  {r.affiliations.map((a, i) => (
                    <Text size="sm" key={i}>
                      {a.organisationName} ({a.fromYear}–{a.toYear ?? t('review.pool.current')})
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>
                  {r.minLoad}–{r.maxLoad}
                </Table.Td>
                <Table.Td>{r.rounds.map(roundName).join(', ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <InviteForm program={program} call={call} />
      <Card withBorder padding="md">
        <Title order={4} mb="xs">
          {t('review.pool.outbox')}
        </Title>
        <Table data-testid="outbox">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('review.pool.at')}</Table.Th>
              <Table.Th>{t('review.pool.to')}</Table.Th>
              <Table.Th>{t('review.pool.subject')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {outbox.data?.messages.slice(0, 20).map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{formatInstant(m.createdAt, i18n.language)}</Table.Td>
                <Table.Td>{m.toEmail}</Table.Td>
                <Table.Td>{m.subject}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

function InviteForm({ program, call }: { program: string; call: string }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshReview();
  const [f, setF] = useState({
    email: '',
    name: '',
    domains: '',
    keywords: '',
    profile: '',
    org: '',
    reg: '',
    fromYear: 2020 as number | string,
    toYear: '' as number | string,
    maxLoad: 5 as number | string,
    minLoad: 0 as number | string,
  });
  const [error, setError] = useState<unknown>(null);
  const [link, setLink] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (v: string | number) => setF({ ...f, [k]: v });
  const body = (mode: 'preview' | 'commit') => ({
    mode,
    email: f.email,
    name: f.name,
    domains: list(f.domains),
    keywords: list(f.keywords),
    profile: f.profile,
    affiliations: f.org
      ? [
          {
            organisationName: f.org,
            ...(f.reg ? { registrationNo: f.reg } : {}),
            fromYear: Number(f.fromYear),
            toYear: f.toYear === '' ? null : Number(f.toYear),
          },
        ]
      : [],
    maxLoad: Number(f.maxLoad),
    minLoad: Number(f.minLoad),
  });
  // the first click only asks what the invitation would do; the mail goes on confirmation
  const loadPreview = async (): Promise<InvitePreview | null> => {
    setError(null);
    setLink(null);
    try {
      const res = await callApi(reviewContract.invite, { params: { program, call }, body: body('preview') });
      return res.status === 'preview' ? res : null;
    } catch (e) {
      setError(e);
      return null;
    }
  };
  const commit = async (): Promise<boolean> => {
    setError(null);
    try {
      const res = await callApi(reviewContract.invite, { params: { program, call }, body: body('commit') });
      if (res.status === 'committed') setLink(res.invitationUrl);
      await refresh();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };
  const err = (field: string) => fieldError(error, field, i18n.language);
  return (
    <Card withBorder padding="md">
      <Title order={4}>{t('review.pool.invite')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('review.pool.inviteHint')}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput
            label={t('review.pool.email')}
            value={f.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={err('body.email') ?? err('email')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput label={t('review.pool.name')} value={f.name} onChange={(e) => set('name')(e.currentTarget.value)} error={err('body.name')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <NumberInput label={t('review.pool.maxLoad')} value={f.maxLoad} onChange={set('maxLoad')} min={0} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <NumberInput label={t('review.pool.minLoad')} value={f.minLoad} onChange={set('minLoad')} min={0} error={err('minLoad')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TextInput
            label={t('review.pool.domains')}
            description={t('review.pool.listHint')}
            value={f.domains}
            onChange={(e) => set('domains')(e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TextInput
            label={t('review.pool.keywords')}
            description={t('review.pool.listHint')}
            value={f.keywords}
            onChange={(e) => set('keywords')(e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label={t('review.pool.profile')} value={f.profile} onChange={(e) => set('profile')(e.currentTarget.value)} autosize minRows={2} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput label={t('review.pool.affiliationName')} value={f.org} onChange={(e) => set('org')(e.currentTarget.value)} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <TextInput label={t('review.pool.registrationNo')} value={f.reg} onChange={(e) => set('reg')(e.currentTarget.value)} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <NumberInput label={t('review.pool.fromYear')} value={f.fromYear} onChange={set('fromYear')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <NumberInput label={t('review.pool.toYear')} value={f.toYear} onChange={set('toYear')} />
        </Grid.Col>
      </Grid>
      <Group mt="md">
        <ConfirmWithPreview<InvitePreview>
          label={t('review.pool.send')}
          title={t('review.pool.previewTitle')}
          testId="invite-reviewer"
          loadPreview={loadPreview}
          error={error ? issuesText(issuesOf(error), i18n) : null}
          confirmLabel={t('review.pool.confirmSend')}
          onConfirm={commit}
          renderPreview={(p) => (
            <Stack gap={4} data-testid="invite-preview">
              <Text size="sm">{t('review.pool.previewWho', { name: p.invitee.name, email: p.invitee.email })}</Text>
              <Text size="sm">{p.invitee.hasAccount ? t('review.pool.previewHasAccount') : t('review.pool.previewNoAccount')}</Text>
              <Text size="sm">{t('review.pool.previewRounds', { rounds: p.rounds.map((r) => pick(r.name, i18n.language)).join(', ') })}</Text>
              <Text size="sm">{t('review.pool.previewLoad', { min: p.invitee.minLoad, max: p.invitee.maxLoad })}</Text>
              <Text size="sm">{p.dueAt ? t('review.pool.previewDue', { at: formatInstant(p.dueAt, i18n.language) }) : t('review.pool.previewNoDue')}</Text>
            </Stack>
          )}
        />
      </Group>
      <Stack mt="sm">
        <Issues error={error} />
        {link && (
          <Alert color="green" data-testid="invitation-link">
            {t('review.pool.invited', { url: link })}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
