import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorText } from '../../api/error-text';
import { call, pathOf } from '../../api/contract-client';
import { QueryState } from '../../components/QueryState';
import { pick } from '../../format/time';
import { useEvaluationTasks } from '../evaluation/api';
import { arenaContract, type ArenaDetail, type ArenaTeam } from './api';
import { ArenaFetchAnswers } from './ArenaFetchAnswers';
import { ArenaStatusBadge } from './ArenaListPage';
import { ArenaUploads } from './ArenaUploads';

const f1 = (x: number) => x.toFixed(1);

/** The office's view: setup, who votes, and the ratings table with bootstrap intervals and points. */
export function ArenaResultsPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const detail = useQuery({ queryKey: ['arena', id], queryFn: () => call(arenaContract.get, { params: { id } }) as Promise<ArenaDetail> });
  const ratings = useQuery({ queryKey: ['arena-ratings', id], queryFn: () => call(arenaContract.ratings, { params: { id } }) });
  const [error, setError] = useState<string | null>(null);
  const a = detail.data?.arena;
  const tasks = useEvaluationTasks();
  const teams: ArenaTeam[] = (tasks.data ?? [])
    .filter((x) => x.programSlug === a?.program)
    .map((x) => ({ taskId: x.id, taskName: x.name, targetModel: x.targetModel }));

  async function setStatus(status: 'open' | 'closed') {
    if (!a) return;
    setError(null);
    try {
      await call(arenaContract.settings, { params: { id }, body: { status, expectedRevision: a.revision, mode: 'commit' } });
      await qc.invalidateQueries();
    } catch (e) {
      setError(errorText(e, i18n));
    }
  }

  const results = ratings.data?.results;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{a ? pick(a.name, i18n.language) : t('arena.title')}</Title>
        <Group>
          {a?.status === 'open' ? (
            <Button variant="default" onClick={() => setStatus('closed')}>
              {t('arena.results.close')}
            </Button>
          ) : (
            a && (
              <Button variant="default" onClick={() => setStatus('open')}>
                {t('arena.results.open')}
              </Button>
            )
          )}
          <Button variant="default" component={Link} to="/arena">
            {t('arena.back')}
          </Button>
        </Group>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      <QueryState isLoading={detail.isLoading} error={detail.error} />
      {a && detail.data && (
        <SimpleGrid cols={{ base: 1, md: 4 }}>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('arena.statusLabel')}
            </Text>
            <ArenaStatusBadge status={a.status} />
          </Card>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('arena.results.setup')}
            </Text>
            <Text>{t('arena.results.setupValue', { prompts: detail.data.prompts, teams: detail.data.coverage.length })}</Text>
          </Card>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('arena.cap')}
            </Text>
            <Text>{t('arena.capValue', { cap: a.capPerEvaluator })}</Text>
          </Card>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('arena.results.evaluators')}
            </Text>
            <Text>{detail.data.evaluators.length}</Text>
          </Card>
        </SimpleGrid>
      )}
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={3}>{t('arena.results.ratings')}</Title>
          {results?.kind === 'pairwise' && (
            <Group gap="md">
              <Text size="sm" c="dimmed">
                {t('arena.results.votes', { counted: results.votes.counted, dropped: results.votes.droppedOverCap, rounds: results.bootstrap.rounds })}
              </Text>
              <Anchor href={pathOf(arenaContract.votes, { params: { id } })}>{t('arena.results.export')}</Anchor>
            </Group>
          )}
        </Group>
        <QueryState isLoading={ratings.isLoading} error={ratings.error} />
        {results && results.teams.length === 0 && <Alert>{t('arena.results.noVotes')}</Alert>}
        {results?.kind === 'pairwise' && results.teams.length > 0 && (
          <Table striped data-testid="ratings-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('arena.results.rank')}</Table.Th>
                <Table.Th>{t('arena.results.team')}</Table.Th>
                <Table.Th ta="right">{t('arena.results.rating')}</Table.Th>
                <Table.Th ta="right">{t('arena.results.interval')}</Table.Th>
                <Table.Th ta="right">{t('arena.results.battles')}</Table.Th>
                <Table.Th ta="right">{t('arena.results.points', { full: a?.fullPoints ?? '' })}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.teams.map((x) => (
                <Table.Tr key={x.taskId}>
                  <Table.Td>
                    <Badge variant="light">{x.rank}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {pick(x.taskName, i18n.language)}{' '}
                    <Text span c="dimmed" size="xs">
                      ({x.taskKey})
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{f1(x.rating)}</Table.Td>
                  <Table.Td ta="right">
                    {f1(x.ci[0])} – {f1(x.ci[1])}
                  </Table.Td>
                  <Table.Td ta="right">{x.battles}</Table.Td>
                  <Table.Td ta="right">{x.points.toFixed(2)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {results?.kind === 'likert' && results.teams.length > 0 && (
          <Table striped data-testid="ratings-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('arena.results.team')}</Table.Th>
                <Table.Th ta="right">{t('arena.results.mean')}</Table.Th>
                <Table.Th ta="right">{t('arena.results.responses')}</Table.Th>
                <Table.Th ta="right">{t('arena.results.points', { full: a?.fullPoints ?? '' })}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.teams.map((x) => (
                <Table.Tr key={x.taskId}>
                  <Table.Td>{pick(x.taskName, i18n.language)}</Table.Td>
                  <Table.Td ta="right">{x.mean.toFixed(2)}</Table.Td>
                  <Table.Td ta="right">{x.responses}</Table.Td>
                  <Table.Td ta="right">{x.points.toFixed(2)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Text size="xs" c="dimmed" mt="sm">
          {t('arena.results.method')}
        </Text>
      </Card>
      {detail.data && (
        <Card withBorder>
          <Title order={4} mb="xs">
            {t('arena.results.coverage')}
          </Title>
          <Table>
            <Table.Tbody>
              {detail.data.coverage.map((c) => (
                <Table.Tr key={c.taskId}>
                  <Table.Td>{pick(c.taskName, i18n.language)}</Table.Td>
                  <Table.Td ta="right">{t('arena.results.answers', { n: c.answers, of: detail.data.prompts })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {a && detail.data && (
        <>
          <ArenaUploads arenaId={id} teams={teams} />
          <ArenaFetchAnswers arenaId={id} program={a.program} prompts={detail.data.prompts} teams={teams} />
        </>
      )}
    </Stack>
  );
}
