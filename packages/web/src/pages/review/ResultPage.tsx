import { Alert, Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiRequestError } from '../../api/client';
import { call } from '../../api/contract-client';
import { pick } from '../../format/time';
import { QueryState } from '../../components/QueryState';
import { reviewContract } from './api';

const outcomeColor = { selected: 'green', reserve: 'yellow', rejected: 'gray' } as const;

/** The applicant's result once published: decision, reason, rank, and each review anonymised (위원 1, 2, …). */
export function ResultPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const res = useQuery({ queryKey: ['review', 'result', id], queryFn: () => call(reviewContract.result, { params: { id: id! } }), retry: false });
  const notPublished = res.error instanceof ApiRequestError && res.error.code === 'not_published';
  const r = res.data;
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('review.result.title')}</Title>
      {notPublished ? <Alert color="yellow">{t('review.result.notPublished')}</Alert> : <QueryState isLoading={res.isLoading} error={res.error} />}
      {r && (
        <>
          {r.callOutcome && (
            <Alert color="gray" title={t('review.result.callOutcome', { outcome: pick(r.callOutcome.label, lang) })} data-testid="call-no-selection">
              {t('review.common.reason')}: {r.callOutcome.reason}
            </Alert>
          )}
          <Card withBorder padding="md">
            <Text fw={600}>
              {r.receiptNo} · {r.title}
            </Text>
            <Group mt="xs">
              {r.decision && (
                <Badge size="lg" color={outcomeColor[r.decision.outcome]}>
                  {pick(r.decision.label, lang)}
                </Badge>
              )}
              {r.rank !== null && <Text>{t('review.result.rank', { rank: r.rank, count: r.applications })}</Text>}
              {r.score !== null && <Text>{t('review.result.score', { score: r.score.toFixed(2) })}</Text>}
            </Group>
            {r.decision && (
              <Text mt="xs" size="sm">
                {t('review.common.reason')}: {r.decision.reason}
              </Text>
            )}
            {r.decision && (
              <Anchor mt="xs" size="sm" href={`/api/v1/review/results/${id}/letter.pdf`} data-testid="selection-letter">
                {t('review.result.letter')}
              </Anchor>
            )}
          </Card>
          {r.rounds.map((round) => (
            <Card withBorder padding="md" key={round.key}>
              <Title order={4}>
                {pick(round.name, lang)} {round.score !== null ? `· ${round.score.toFixed(2)}` : ''}
              </Title>
              <Table mt="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('review.conflicts.reviewer')}</Table.Th>
                    {r.criteria.map((c) => (
                      <Table.Th key={c.key}>
                        {pick(c.name, lang)} ({c.points})
                      </Table.Th>
                    ))}
                    <Table.Th>{t('review.mine.total')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {round.reviews.map((rv, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{pick(rv.reviewer, lang)}</Table.Td>
                      {r.criteria.map((c) => (
                        <Table.Td key={c.key}>
                          <Text fw={600}>{rv.scores[c.key]?.score ?? ''}</Text>
                          <Text size="xs" c="dimmed">
                            {rv.scores[c.key]?.comment}
                          </Text>
                        </Table.Td>
                      ))}
                      <Table.Td>{rv.total}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          ))}
        </>
      )}
    </Stack>
  );
}
