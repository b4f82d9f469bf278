import { Alert, Badge, Button, Card, Group, List, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatInstant, pick } from '../../format/time';
import { useTaskResults, type SuiteResults } from './api';
import { IntervalBar, intervalDomain, pct, VerdictBadge } from './IntervalBar';
import { ProgramName } from '../../components/ProgramName';

const score = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(3));

function ReferencesCard({ suite, months }: { suite: SuiteResults; months: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const w = suite.latest?.comparison ?? suite.window;
  if (!w) return null;
  return (
    <Card withBorder data-testid="references">
      <Title order={4}>{t('evaluation.results.references')}</Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('evaluation.results.window', { from: formatDate(w.windowFrom, lang), to: formatDate(suite.evaluationDate, lang), months })}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('evaluation.results.model')}</Table.Th>
            <Table.Th>{t('evaluation.results.vendor')}</Table.Th>
            <Table.Th>{t('evaluation.results.released')}</Table.Th>
            <Table.Th>{t('evaluation.results.counts')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {w.counted.map((m) => (
            <Table.Tr key={m.name} data-testid={`counted-${m.name}`}>
              <Table.Td>
                {m.name}{' '}
                {m.demo && (
                  <Badge size="xs" variant="outline" color="gray">
                    {t('evaluation.demo')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{m.vendor}</Table.Td>
              <Table.Td>{formatDate(m.releaseDate, lang)}</Table.Td>
              <Table.Td>
                <Badge color="teal" variant="light">
                  {t('evaluation.results.counted')}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
          {w.excluded.map((m) => (
            <Table.Tr key={m.name} data-testid={`excluded-${m.name}`}>
              <Table.Td c="dimmed">{m.name}</Table.Td>
              <Table.Td c="dimmed">{m.vendor}</Table.Td>
              <Table.Td c="dimmed">{formatDate(m.releaseDate, lang)}</Table.Td>
              <Table.Td>
                <Badge color="gray" variant="light">
                  {t(`evaluation.results.excluded.${m.why}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function SuitePanel({ suite, months, canImport, taskId }: { suite: SuiteResults; months: number; canImport: boolean; taskId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const c = suite.latest?.comparison ?? null;
  const labelOf = (name: string) => pick(suite.benchmarks.find((b) => b.name === name)?.label, lang) || name;
  const categoryOf = (name: string) => suite.benchmarks.find((b) => b.name === name)?.category ?? '';
  const domain = c ? intervalDomain([c.aggregate.ci, ...c.benchmarks.map((b) => b.ci)], c.target) : ([0, 1] as [number, number]);
  return (
    <Stack>
      {suite.demo && (
        <Alert color="gray" variant="light">
          {t('evaluation.results.demoNote')}
        </Alert>
      )}
      {!suite.latest && (
        <Card withBorder>
          <Text>{t('evaluation.results.noRun')}</Text>
          {canImport && (
            <Button mt="sm" component={Link} to={`/evaluation/tasks/${taskId}/import?suite=${suite.key}`}>
              {t('evaluation.results.import')}
            </Button>
          )}
        </Card>
      )}
      {suite.latest && !c && <Alert color="yellow">{t('evaluation.results.noComparison')}</Alert>}
      {c && (
        <Card withBorder data-testid="aggregate">
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {t('evaluation.results.aggregate')}
              </Text>
              <Group>
                <VerdictBadge verdict={c.verdict} size="xl" />
                <Text fw={700} size="xl" data-testid="aggregate-ratio">
                  {t('evaluation.ratioWithCi', { ratio: pct(c.aggregate.ratio), lo: pct(c.aggregate.ci[0]), hi: pct(c.aggregate.ci[1]) })}
                </Text>
              </Group>
              <Text size="sm">{pick(c.verdictText, lang)}</Text>
              <Text size="sm" c="dimmed">
                {t('evaluation.results.pAtLeast', { p: pct(c.aggregate.pAtLeastTarget), target: pct(c.target, 0) })}
              </Text>
            </Stack>
            <Stack gap={4} align="flex-end">
              <IntervalBar
                ratio={c.aggregate.ratio}
                ci={c.aggregate.ci}
                target={c.target}
                domain={domain}
                width={320}
                label={t('evaluation.results.aggregate')}
              />
              <Text size="xs" c="dimmed">
                {t('evaluation.results.legend', { target: pct(c.target, 0) })}
              </Text>
            </Stack>
          </Group>
          <Group mt="sm" gap="lg">
            <Text size="xs" c="dimmed">
              {t('evaluation.results.run', { file: suite.latest!.fileName, at: formatInstant(suite.latest!.createdAt, lang) })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('evaluation.results.method', { method: c.aggregate.method, seed: c.seed, resamples: c.resamples })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('evaluation.results.weights', {
                weights: Object.entries(suite.categoryWeights)
                  .map(([k, v]) => `${t(`evaluation.category.${k}`, { defaultValue: k })} ${v}`)
                  .join(' · '),
              })}
            </Text>
          </Group>
        </Card>
      )}
      {c && (
        <Card withBorder p={0}>
          <Table striped data-testid="benchmark-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evaluation.results.benchmark')}</Table.Th>
                <Table.Th ta="right">{t('evaluation.results.candidate')}</Table.Th>
                <Table.Th>{t('evaluation.results.reference')}</Table.Th>
                <Table.Th ta="right">{t('evaluation.results.targetModel')}</Table.Th>
                <Table.Th>{t('evaluation.results.ratio')}</Table.Th>
                <Table.Th>{t('evaluation.results.interval')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.benchmarks.map((b) => {
                const ref = c.referenceOf[b.name];
                return (
                  <Table.Tr key={b.name} data-testid={`benchmark-${b.name}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {labelOf(b.name)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`evaluation.category.${categoryOf(b.name)}`, { defaultValue: categoryOf(b.name) })} · <span translate="no">{b.metric}</span> ·{' '}
                        {t('evaluation.results.weight', { w: pct(b.weight) })}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{score(b.candidate)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{score(b.reference)}</Text>
                      {ref && (
                        <Text size="xs" c="dimmed">
                          {ref.model} ({t(`evaluation.results.role.${ref.role}`)})
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{score(c.targetScores[b.name])}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{t('evaluation.ratioWithCi', { ratio: pct(b.ratio), lo: pct(b.ci[0]), hi: pct(b.ci[1]) })}</Text>
                    </Table.Td>
                    <Table.Td>
                      <IntervalBar ratio={b.ratio} ci={b.ci} target={c.target} domain={domain} label={labelOf(b.name)} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {c && (c.missing.length > 0 || c.notes.length > 0) && (
        <Card withBorder>
          <Title order={5}>{t('evaluation.results.notes')}</Title>
          {c.missing.length > 0 && (
            <Text size="sm" mt="xs">
              {t('evaluation.results.missing', { list: c.missing.map(labelOf).join(', ') })}
            </Text>
          )}
          <List size="sm" mt="xs">
            {c.notes.map((n, i) => (
              <List.Item key={i}>{pick(n, lang)}</List.Item>
            ))}
          </List>
        </Card>
      )}
      <ReferencesCard suite={suite} months={months} />
      {suite.runs.length > 0 && (
        <Card withBorder>
          <Title order={5}>{t('evaluation.results.runs')}</Title>
          <Table mt="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evaluation.results.importedAt')}</Table.Th>
                <Table.Th>{t('evaluation.results.file')}</Table.Th>
                <Table.Th>{t('evaluation.results.modelName')}</Table.Th>
                <Table.Th>{t('evaluation.results.items')}</Table.Th>
                <Table.Th>{t('evaluation.results.verdictCol')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {suite.runs.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatInstant(r.createdAt, lang)}</Table.Td>
                  <Table.Td>{r.fileName}</Table.Td>
                  <Table.Td>{r.modelName ?? '—'}</Table.Td>
                  <Table.Td>{r.itemsStored.length ? r.itemsStored.length : '—'}</Table.Td>
                  <Table.Td>{r.verdict ? <VerdictBadge verdict={r.verdict} size="sm" /> : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}

/** A team's benchmark results: per stage suite, every benchmark against the frontier and the target, with intervals. */
export function EvaluationResultsPage() {
  const { taskId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: actor } = useSession();
  const { data, isLoading, error } = useTaskResults(taskId);
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  const canImport = actor?.role === 'operator' || actor?.role === 'evaluator';
  const months = data.target?.referenceWindowMonths ?? 6;
  const withRun = data.suites.find((s) => s.latest) ?? data.suites[0];
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={2}>{t('evaluation.results.title', { name: pick(data.task.name, lang) })}</Title>
          <Text c="dimmed">
            {data.task.key} · <ProgramName slug={data.task.programSlug} />
            {data.task.leadOrganisationName ? ` · ${pick(data.task.leadOrganisationName, lang)}` : ''}
          </Text>
        </Stack>
        {canImport && (
          <Button component={Link} to={`/evaluation/tasks/${taskId}/import`}>
            {t('evaluation.results.import')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('evaluation.results.targetDeclared')}
          </Text>
          <Text fw={600} data-testid="target-model">
            {data.task.targetModel ?? t('evaluation.results.noTarget')}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('evaluation.results.programTarget')}
          </Text>
          <Text fw={600}>
            {data.target
              ? t('evaluation.results.targetText', { percent: pct(data.target.ratio, 0), months: data.target.referenceWindowMonths })
              : t('evaluation.results.noProgramTarget')}
          </Text>
        </Card>
      </SimpleGrid>
      {data.suites.length === 0 ? (
        <Alert>{t('evaluation.results.noSuites')}</Alert>
      ) : (
        <Tabs defaultValue={withRun!.key} keepMounted={false}>
          <Tabs.List>
            {data.suites.map((s) => (
              <Tabs.Tab key={s.key} value={s.key}>
                {pick(s.name, lang)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {data.suites.map((s) => (
            <Tabs.Panel key={s.key} value={s.key} pt="md">
              <SuitePanel suite={s} months={months} canImport={canImport} taskId={taskId} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}
