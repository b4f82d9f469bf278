import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatInstant, pick } from '../../format/time';
import { usePublicResults, usePublicResultsList } from './api';
import { OutcomeBadge, SchemeSummary, StandingsTable, StatusBadge, VersionsTable } from './parts';
import { ResultBundleCard } from '../result-bundles/ResultBundlePages';

export function PublicResultsListPage() {
  const { t, i18n } = useTranslation();
  const { data, isLoading, error } = usePublicResultsList();
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('stageEvaluation.public.title')}</Title>
      <Text c="dimmed">{t('stageEvaluation.public.intro')}</Text>
      <Table withTableBorder striped>
        <Table.Tbody>
          {data.length === 0 && (
            <Table.Tr>
              <Table.Td>{t('stageEvaluation.none')}</Table.Td>
            </Table.Tr>
          )}
          {data.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Anchor component={Link} to={`/results/${e.id}`}>
                  {pick(e.name, i18n.language)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {formatDate(e.periodStart, i18n.language)} – {formatDate(e.periodEnd, i18n.language)}
              </Table.Td>
              <Table.Td>{e.published ? <StatusBadge status="published" /> : <Badge color="gray">{t('stageEvaluation.public.notPublished')}</Badge>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The public record: leaderboard, who advanced and who was eliminated with reasons, criteria and their versions. */
export function PublicResultsPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, isLoading, error } = usePublicResults(id);
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  const e = data.evaluation;
  return (
    <Stack maw={1300}>
      <Text c="dimmed">{pick(e.programName, lang)}</Text>
      <Title order={2}>{pick(e.name, lang)}</Title>
      <Text>{t('stageEvaluation.periodText', { from: formatDate(e.periodStart, lang), to: formatDate(e.periodEnd, lang) })}</Text>
      {!data.published ? (
        <Alert color="gray" data-testid="not-published">
          {t('stageEvaluation.public.notPublishedLong')}
        </Alert>
      ) : (
        <>
          <Group>
            <Text>
              {t('stageEvaluation.public.decidedOn', { date: formatDate(data.decidedOn, lang) })} ·{' '}
              {t('stageEvaluation.versionN', { n: data.decisionSchemeVersion })} · {t('stageEvaluation.averageN', { n: data.average })}
            </Text>
            <Button component="a" href={`/api/v1/public/stage-evaluations/${e.id}/report.pdf`} size="xs" variant="default">
              {t('stageEvaluation.public.pdf')}
            </Button>
            <Button component="a" href={`/api/v1/public/stage-evaluations/${e.id}/results.xlsx`} size="xs" variant="default">
              {t('stageEvaluation.public.xlsx')}
            </Button>
          </Group>
          <Title order={3}>{t('stageEvaluation.public.leaderboard')}</Title>
          <StandingsTable
            testId="public-standings"
            scheme={data.scheme}
            rows={data.standings.map((s) => ({
              key: s.team,
              rank: s.rank,
              name: s.name,
              lead: s.leadOrganisationName,
              components: s.components,
              total: s.total,
              indices: s.indices,
              gates: s.gates,
              outcome: s.outcome,
              probabilityLast: s.probabilityLast,
            }))}
          />
          <Group grow align="flex-start">
            {(['continue', 'eliminate'] as const).map((o) => (
              <Card withBorder key={o} data-testid={`public-${o}`}>
                <Title order={4}>{t(`stageEvaluation.public.${o}`)}</Title>
                {data.standings
                  .filter((s) => s.outcome === o)
                  .map((s) => (
                    <Stack key={s.team} gap={2} mt="xs">
                      <Group gap="xs">
                        <OutcomeBadge outcome={o} />
                        <Text fw={600}>{pick(s.name, lang)}</Text>
                        <Text c="dimmed">{t('stageEvaluation.pointsN', { n: s.total })}</Text>
                      </Group>
                      {s.reasons.map((r, i) => (
                        <Text key={i} size="sm">
                          {pick(r, lang)}
                        </Text>
                      ))}
                      {s.outcome !== s.proposed && (
                        <Text size="sm" c="orange">
                          {t('stageEvaluation.public.departed')}
                        </Text>
                      )}
                    </Stack>
                  ))}
              </Card>
            ))}
          </Group>
          {data.departureReason && (
            <Text>
              {t('stageEvaluation.decision.departureReason')}: {data.departureReason}
            </Text>
          )}
          {(data.corrections ?? []).length > 0 && (
            <Alert color="teal" title={t('stageEvaluation.publicCorrections.title')} data-testid="public-corrections">
              {(data.corrections ?? []).map((c) => (
                <Stack gap={2} key={c.version}>
                  <Text size="sm">
                    {t('stageEvaluation.publicCorrections.item', {
                      version: c.version,
                      replaces: c.replacesVersion,
                      date: formatDate(c.effectiveFrom, lang),
                      team: pick(data.standings.find((x) => x.team === c.team)?.name, lang) || c.team,
                      reason: c.reason,
                    })}
                  </Text>
                  {(c.appealWindows ?? []).map((w) => (
                    <Text size="sm" key={w.taskKey} data-testid="public-correction-appeal-window">
                      {t('stageEvaluation.publicCorrections.newlyEliminated', {
                        team: pick(data.standings.find((x) => x.team === w.taskKey)?.name, lang) || w.taskKey,
                        at: formatInstant(w.closesAt, lang),
                      })}
                    </Text>
                  ))}
                </Stack>
              ))}
            </Alert>
          )}
          <Text size="sm">
            {/* the window is set at publication; the contract allows a decision without one */}
            {data.appealClosesAt && `${t('stageEvaluation.appealCloses', { at: formatInstant(data.appealClosesAt, lang) })} · `}
            {t('stageEvaluation.public.appeals', data.appeals)}
          </Text>
          <ResultBundleCard kind="stage-decision" subjectId={e.id} />
        </>
      )}
      <Title order={3}>{t('stageEvaluation.public.criteria')}</Title>
      <Card withBorder>
        <SchemeSummary scheme={data.scheme} />
      </Card>
      <Title order={4}>{t('stageEvaluation.public.history')}</Title>
      <VersionsTable versions={data.versions} />
    </Stack>
  );
}
