import { Alert, Badge, Button, Card, Group, List, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useProgram } from '../api/programs';
import { useSession } from '../api/session';
import type { StageComponent } from '../api/types';
import { QueryState } from '../components/QueryState';
import { PhaseTimeline } from '../components/PhaseTimeline';
import { formatDate, formatInstant, pick } from '../format/time';

function ComponentRows({ components, depth = 0 }: { components: StageComponent[]; depth?: number }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {components.map((c) => (
        <Fragment key={c.key}>
          <Table.Tr>
            <Table.Td pl={depth * 24 + 8}>{pick(c.name, i18n.language)}</Table.Td>
            <Table.Td ta="right">{t('program.points', { points: c.points })}</Table.Td>
          </Table.Tr>
          {c.children && <ComponentRows components={c.children} depth={depth + 1} />}
        </Fragment>
      ))}
    </>
  );
}

export function ProgramPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, isLoading, error } = useProgram(slug);
  const { data: actor } = useSession();
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  const p = data.definition;
  const se = p.stageEvaluation;
  const policy = se.decisionPolicy;
  const nextPhase = policy.kind === 'continueIfStageGoalsMet' ? pick(p.phases.find((x) => x.key === policy.nextPhase)?.name, lang) : '';
  const excluded = Object.values(p.eligibility.exclusionLists).flat();
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={2}>{pick(p.name, lang)}</Title>
        {actor?.role === 'operator' && (
          <Button component={Link} to={`/programs/${slug}/edit`}>
            {t('program.edit')}
          </Button>
        )}
      </Group>
      <Text c="dimmed">{pick(p.ministry, lang)}</Text>
      <Text>{pick(p.description, lang)}</Text>

      <Card withBorder>
        <Title order={4}>{t('program.support')}</Title>
        <Group mt="xs">
          {p.supportTypes.map((s) => (
            <Badge key={s} size="lg">
              {t(`support.${s}`)}
            </Badge>
          ))}
          <Text>{t('program.duration', { months: p.durationMonths })}</Text>
          <Text>{t('program.taskCount', { count: p.taskCount })}</Text>
        </Group>
      </Card>

      <Card withBorder>
        <Title order={4}>{t('program.pools')}</Title>
        {p.gpuPools.map((pool) => (
          <Text key={pool.key} mt="xs">
            <b>{pick(pool.name, lang)}</b> — {t('home.gpus', { model: pool.gpuModel, count: pool.gpuCount })},{' '}
            {t('home.nodes', { nodes: pool.gpuCount / pool.gpusPerNode, perNode: pool.gpusPerNode })}. {t('program.hosting')}: {pick(pool.hostingSite, lang)}
          </Text>
        ))}
      </Card>

      <Card withBorder>
        <Title order={4} mb="sm">
          {t('program.phases')}
        </Title>
        <PhaseTimeline phases={p.phases} />
        <Table mt="sm">
          <Table.Tbody>
            {p.phases.map((ph) => (
              <Table.Tr key={ph.key}>
                <Table.Td>{pick(ph.name, lang)}</Table.Td>
                <Table.Td>
                  {formatDate(ph.start, lang)} – {formatDate(ph.end, lang)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>

      <Card withBorder>
        <Title order={4}>{t('program.calls')}</Title>
        <Table mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{t('program.opens')}</Table.Th>
              <Table.Th>{t('program.closes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.calls.map((c) => (
              <Table.Tr key={c.key}>
                <Table.Td>
                  {pick(c.name, lang)}
                  {c.notice && (
                    <Text size="xs" c="dimmed">
                      {pick(c.notice, lang)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatInstant(c.opens, lang)}</Table.Td>
                <Table.Td>{formatInstant(c.closes, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>

      <Card withBorder>
        <Title order={4}>
          {t('program.selection')} · {t('program.total', { points: p.selectionScheme.totalPoints })}
        </Title>
        {p.selectionScheme.groups.map((g) => (
          <Stack key={g.key} gap={2} mt="sm">
            <Group justify="space-between">
              <Text fw={600}>{pick(g.name, lang)}</Text>
              <Text>{t('program.points', { points: g.points })}</Text>
            </Group>
            <Progress value={(g.points / p.selectionScheme.totalPoints) * 100} />
            <List size="sm">
              {g.subCriteria.map((s, i) => (
                <List.Item key={i}>{pick(s, lang)}</List.Item>
              ))}
            </List>
          </Stack>
        ))}
        {p.selectionScheme.assumption && (
          <Text size="xs" c="dimmed" mt="xs">
            {pick(p.selectionScheme.assumption, lang)}
          </Text>
        )}
      </Card>

      <Card withBorder>
        <Title order={4}>
          {t('program.stage')} · {t('program.total', { points: se.totalPoints })}
        </Title>
        <Text mt="xs">{t('program.cadence', { months: se.cadenceMonths, first: se.firstAfterMonths })}</Text>
        {se.performanceTarget && (
          <Text>{t('program.target', { percent: Math.round(se.performanceTarget.ratio * 100), months: se.performanceTarget.referenceWindowMonths })}</Text>
        )}
        <Text fw={600} data-testid="decision-policy">
          {policy.kind === 'eliminateLowest'
            ? t('program.policy.eliminateLowest', { perStage: policy.perStage, start: policy.startTeams, final: policy.finalTeams })
            : policy.kind === 'advanceAtThreshold'
              ? t('program.policy.advanceAtThreshold', { min: policy.minPoints })
              : t('program.policy.continueIfStageGoalsMet', { next: nextPhase })}
        </Text>
        <Table mt="xs">
          <Table.Tbody>
            <ComponentRows components={se.components} />
          </Table.Tbody>
        </Table>
        {se.gates.length > 0 && (
          <>
            <Text fw={600} mt="sm">
              {t('program.gates')}
            </Text>
            {se.gates.map((g) => (
              <Text key={g.key} size="sm">
                <b>{pick(g.name, lang)}</b>: {pick(g.description, lang)}
              </Text>
            ))}
          </>
        )}
      </Card>

      {excluded.length > 0 && (
        <Card withBorder>
          <Title order={4}>{t('program.excluded')}</Title>
          <List size="sm" mt="xs">
            {excluded.map((o) => (
              <List.Item key={o.name.en}>
                {pick(o.name, lang)}{' '}
                {o.reason && (
                  <Text span c="dimmed">
                    — {pick(o.reason, lang)}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        </Card>
      )}

      {p.sources.length > 0 && (
        <Alert variant="light" title={t('program.sources')}>
          {p.sources.map((s, i) => (
            <Text key={i} size="sm">
              {pick(s, lang)}
            </Text>
          ))}
        </Alert>
      )}
    </Stack>
  );
}
