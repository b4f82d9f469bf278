import { RoundsPanel } from './RoundsPanel';
import { Alert, Badge, Group, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { useOverview, useReviewCalls } from './api';
import { PoolPanel } from './PoolPanel';
import { ConflictsPanel } from './ConflictsPanel';
import { AssignmentPanel } from './AssignmentPanel';
import { RankingPanel } from './RankingPanel';
import { SettingsPanel } from './SettingsPanel';
import { CallStatePanel } from './CallStatePanel';

/** The program office's review desk for one call: pool, conflicts, assignment, ranking and selection, settings. */
export function ReviewOfficePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const params = useParams();
  const { data: actor } = useSession();
  const calls = useReviewCalls();
  // the desk opens on the latest call with applications: the one the office is working on
  const withApplications = (calls.data?.calls ?? []).filter((c) => c.submitted > 0);
  const first =
    withApplications.reduce<(typeof withApplications)[number] | undefined>((a, c) => (!a || (c.opens ?? '') > (a.opens ?? '') ? c : a), undefined) ??
    calls.data?.calls[0];
  const program = params.program ?? first?.program ?? '';
  const call = params.call ?? first?.call ?? '';
  const overview = useOverview(program, call);
  const tab = params.tab ?? 'pool';
  if (actor && actor.role !== 'operator') return <Alert color="red">{t('review.common.operatorsOnly')}</Alert>;
  const o = overview.data;
  return (
    <Stack maw={1500}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('review.office.title')}</Title>
          {o && (
            <Text c="dimmed" data-testid="review-summary">
              {pick(o.programName, lang)} ·{' '}
              {t('review.office.summary', {
                apps: o.applications.length,
                accepted: o.reviewers.accepted,
                invited: o.reviewers.invited,
                tasks: o.taskCount,
                gpus: o.poolGpus,
              })}
            </Text>
          )}
          <Group gap="xs" mt={4}>
            {o?.config.blind && <Badge variant="light">{t('review.office.blindOn')}</Badge>}
            {o?.config.publishedAt && <Badge color="green">{t('review.office.published', { at: formatInstant(o.config.publishedAt, lang) })}</Badge>}
          </Group>
        </div>
        <Select
          label={t('review.common.call')}
          w={380}
          data={(calls.data?.calls ?? []).map((c) => ({ value: `${c.program}/${c.call}`, label: `${pick(c.name, lang)} (${c.submitted})` }))}
          value={program && call ? `${program}/${call}` : null}
          onChange={(v) => v && navigate(`/review/office/${v}/${tab}`)}
          allowDeselect={false}
        />
      </Group>
      {program && call && <CallStatePanel program={program} call={call} />}
      <QueryState isLoading={overview.isLoading || calls.isLoading} error={overview.error ?? calls.error} />
      {o && o.rounds.length > 1 && <RoundsPanel overview={o} />}
      {o && (
        <Tabs value={tab} onChange={(v) => navigate(`/review/office/${program}/${call}/${v}`)} keepMounted={false}>
          <Tabs.List>
            {(['pool', 'conflicts', 'assignment', 'ranking', 'settings'] as const).map((k) => (
              <Tabs.Tab key={k} value={k}>
                {t(`review.office.tabs.${k}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="pool" pt="md">
            <PoolPanel program={program} call={call} />
          </Tabs.Panel>
          <Tabs.Panel value="conflicts" pt="md">
            <ConflictsPanel program={program} call={call} />
          </Tabs.Panel>
          <Tabs.Panel value="assignment" pt="md">
            <AssignmentPanel overview={o} />
          </Tabs.Panel>
          <Tabs.Panel value="ranking" pt="md">
            <RankingPanel program={program} call={call} />
          </Tabs.Panel>
          <Tabs.Panel value="settings" pt="md">
            <SettingsPanel key={o.config.revision} overview={o} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
