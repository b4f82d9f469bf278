import { Alert, Anchor, Card, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { formatDate, pick } from '../../format/time';
import { useStageEvaluation, useStageEvaluations } from './api';
import { SchemeSummary, StandingsTable, StatusBadge, VersionsTable } from './parts';
import { DecisionPanel } from './DecisionPanel';
import { InputsPanel } from './InputsPanel';
import { StageGoalsPanel, hasStageGoals } from './StageGoalsPanel';
import { GatesPanel } from './GatesPanel';
import { AppealsPanel } from './AppealsPanel';
import { PublishResults } from './PublishResults';

export function StageEvaluationListPage() {
  const { t, i18n } = useTranslation();
  const { data, isLoading, error } = useStageEvaluations();
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('stageEvaluation.title')}</Title>
      <Table withTableBorder striped data-testid="evaluations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stageEvaluation.name')}</Table.Th>
            <Table.Th>{t('stageEvaluation.period')}</Table.Th>
            <Table.Th>{t('stageEvaluation.statusHeader')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={3}>{t('stageEvaluation.none')}</Table.Td>
            </Table.Tr>
          )}
          {data.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Anchor component={Link} to={`/stage-evaluations/${e.id}`}>
                  {pick(e.name, i18n.language)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {formatDate(e.periodStart, i18n.language)} – {formatDate(e.periodEnd, i18n.language)}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={e.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The office's and the panel's workbench for one stage evaluation. */
export function StageEvaluationPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: actor } = useSession();
  const { data: view, isLoading, error } = useStageEvaluation(id);
  if (!view) return <QueryState isLoading={isLoading} error={error} />;
  const isOperator = actor?.role === 'operator';
  const isPanel = isOperator || actor?.role === 'reviewer';
  const e = view.evaluation;
  const byTeam = new Map(view.teams.map((x) => [x.key, x]));
  const outcomeOf = new Map(view.decision?.outcomes.map((o) => [o.taskKey, o]) ?? []);
  const rows = [...view.results]
    .sort((a, b) => b.total - a.total)
    .map((r) => ({
      key: r.team,
      rank: view.proposal.items.find((p) => p.team === r.team)?.rank,
      name: byTeam.get(r.team)?.name ?? { ko: r.team, en: r.team },
      lead: byTeam.get(r.team)?.leadOrganisationName,
      components: r.components,
      total: r.total,
      indices: r.indices,
      gates: r.gates,
      outcome: outcomeOf.get(r.team)?.outcome,
      probabilityLast: view.probabilityLast?.[r.team] ?? null,
    }));
  return (
    <Stack maw={1300}>
      <Group justify="space-between">
        <div>
          <Text c="dimmed">{pick(e.programName, lang)}</Text>
          <Title order={2}>{pick(e.name, lang)}</Title>
        </div>
        <Group>
          <StatusBadge status={e.status} />
          <Anchor component={Link} to={`/results/${e.id}`}>
            {t('stageEvaluation.publicPage')}
          </Anchor>
        </Group>
      </Group>
      <Text>
        {t('stageEvaluation.periodText', { from: formatDate(e.periodStart, lang), to: formatDate(e.periodEnd, lang) })} ·{' '}
        {t('stageEvaluation.versionN', { n: e.schemeVersion })} · {t('stageEvaluation.averageN', { n: view.average })}
      </Text>
      {view.programSchemeDrift.length > 0 && <Alert color="blue">{t('stageEvaluation.drift', { fields: view.programSchemeDrift.join(', ') })}</Alert>}
      {isOperator && e.status === 'decided' && <PublishResults evaluationId={e.id} />}
      <Tabs defaultValue="results" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="results">{t('stageEvaluation.tabs.results')}</Tabs.Tab>
          <Tabs.Tab value="inputs">{t('stageEvaluation.tabs.inputs')}</Tabs.Tab>
          {hasStageGoals(view) && <Tabs.Tab value="goals">{t('stageEvaluation.tabs.goals')}</Tabs.Tab>}
          <Tabs.Tab value="gates">{t('stageEvaluation.tabs.gates')}</Tabs.Tab>
          <Tabs.Tab value="appeals">{t('stageEvaluation.tabs.appeals', { n: view.appeals.filter((a) => a.status === 'open').length })}</Tabs.Tab>
          <Tabs.Tab value="scheme">{t('stageEvaluation.tabs.scheme')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="results" pt="md">
          <Stack>
            <StandingsTable scheme={view.scheme} rows={rows} />
            {view.probabilityLastNote && (
              <Text size="xs" c="dimmed">
                {t('stageEvaluation.probabilityLast')}: {pick(view.probabilityLastNote, lang)}
              </Text>
            )}
            <DecisionPanel key={`${e.revision}`} view={view} canDecide={isOperator} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="inputs" pt="md">
          <InputsPanel view={view} canMeasure={isOperator} canScore={isPanel} />
        </Tabs.Panel>
        <Tabs.Panel value="goals" pt="md">
          <StageGoalsPanel view={view} canCheck={isOperator} />
        </Tabs.Panel>
        <Tabs.Panel value="gates" pt="md">
          <GatesPanel view={view} canRule={isPanel} />
        </Tabs.Panel>
        <Tabs.Panel value="appeals" pt="md">
          <AppealsPanel view={view} canResolve={isOperator} />
        </Tabs.Panel>
        <Tabs.Panel value="scheme" pt="md">
          <Stack>
            <Card withBorder>
              <SchemeSummary scheme={view.scheme} />
            </Card>
            <VersionsTable versions={view.versions} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
