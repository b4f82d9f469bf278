import { Alert, Badge, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { call } from '../../api/contract-client';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { pick } from '../../format/time';
import { arenaContract, type ArenaSummary } from './api';
import { ProgramName } from '../../components/ProgramName';

export function ArenaStatusBadge({ status }: { status: ArenaSummary['status'] }) {
  const { t } = useTranslation();
  return <Badge color={status === 'open' ? 'green' : status === 'closed' ? 'gray' : 'yellow'}>{t(`arena.status.${status}`)}</Badge>;
}

/** Evaluators: their assigned evaluations with progress. The office: every arena, to its results. */
export function ArenaListPage() {
  const { t, i18n } = useTranslation();
  const { data: actor } = useSession();
  const { data, isLoading, error } = useQuery({ queryKey: ['arenas'], queryFn: () => call(arenaContract.list), enabled: !!actor });
  if (!actor) return <Alert color="yellow">{t('arena.signInFirst')}</Alert>;
  const operator = actor.role === 'operator';
  return (
    <Stack>
      <Title order={2}>{t('arena.title')}</Title>
      <Text c="dimmed">{operator ? t('arena.introOperator') : t('arena.introEvaluator')}</Text>
      <QueryState isLoading={isLoading} error={error} />
      {data && data.arenas.length === 0 && <Alert>{t('arena.none')}</Alert>}
      {data && data.arenas.length > 0 && (
        <Card withBorder>
          <Table striped data-testid="arena-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('arena.name')}</Table.Th>
                <Table.Th>{t('arena.program')}</Table.Th>
                <Table.Th>{t('arena.kind')}</Table.Th>
                <Table.Th>{t('arena.statusLabel')}</Table.Th>
                <Table.Th>{operator ? t('arena.cap') : t('arena.progress')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.arenas.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{pick(a.name, i18n.language)}</Table.Td>
                  <Table.Td>
                    <ProgramName slug={a.program} /> · {a.stage}
                  </Table.Td>
                  <Table.Td>{t(`arena.kinds.${a.kind}`)}</Table.Td>
                  <Table.Td>
                    <ArenaStatusBadge status={a.status} />
                  </Table.Td>
                  <Table.Td>
                    {operator
                      ? t('arena.capValue', { cap: a.capPerEvaluator })
                      : t('arena.progressValue', { voted: a.progress?.voted ?? 0, cap: a.progress?.cap ?? a.capPerEvaluator })}
                  </Table.Td>
                  <Table.Td>
                    {operator ? (
                      <Button size="xs" variant="light" component={Link} to={`/arena/${a.id}`}>
                        {t('arena.openResults')}
                      </Button>
                    ) : (
                      <Button size="xs" component={Link} to={`/arena/${a.id}/${a.kind === 'pairwise' ? 'vote' : 'likert'}`} disabled={a.status !== 'open'}>
                        {t('arena.start')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
