import { Alert, Badge, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { pick } from '../../format/time';
import { useMine } from './api';
import { DueDate } from './DueDate';

const sheetColor = { none: 'gray', draft: 'yellow', submitted: 'green' } as const;

/** The reviewer's worklist: assigned proposals per round, with the state of each score sheet. */
export function MyReviewsPage() {
  const { t, i18n } = useTranslation();
  const { data: actor } = useSession();
  const mine = useMine();
  if (actor && actor.role !== 'reviewer') return <Alert color="red">{t('review.common.reviewersOnly')}</Alert>;
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('review.mine.title')}</Title>
      <QueryState isLoading={mine.isLoading} error={mine.error} />
      <Card withBorder padding="md">
        {mine.data?.assignments.length === 0 && <Text c="dimmed">{t('review.mine.empty')}</Text>}
        <Table striped data-testid="my-assignments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('review.mine.round')}</Table.Th>
              <Table.Th>{t('review.mine.due')}</Table.Th>
              <Table.Th>{t('review.ranking.receiptNo')}</Table.Th>
              <Table.Th>{t('review.ranking.titleCol')}</Table.Th>
              <Table.Th>{t('review.mine.status')}</Table.Th>
              <Table.Th>{t('review.mine.total')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mine.data?.assignments.map((a) => (
              <Table.Tr key={`${a.roundId}/${a.applicationId}`} data-testid={`assignment-${a.receiptNo}`}>
                <Table.Td>{pick(a.round.name, i18n.language)}</Table.Td>
                <Table.Td>
                  <DueDate dueAt={a.round.dueAt} />
                </Table.Td>
                <Table.Td>{a.receiptNo}</Table.Td>
                <Table.Td>{a.title}</Table.Td>
                <Table.Td>
                  {a.conflicted ? (
                    <Badge color="red">{t('review.mine.conflicted')}</Badge>
                  ) : (
                    <Badge color={sheetColor[a.sheetStatus]}>{t(`review.assignment.sheet.${a.sheetStatus}`)}</Badge>
                  )}
                </Table.Td>
                <Table.Td>{a.total ?? ''}</Table.Td>
                <Table.Td>
                  {!a.conflicted && !a.pledgedAt && (
                    <Badge color="orange" variant="light" mr="xs">
                      {t('review.mine.pledgeNeeded')}
                    </Badge>
                  )}
                  {!a.conflicted && (
                    <Button size="xs" variant="light" component={Link} to={`/review/me/${a.roundId}/${a.applicationId}`}>
                      {t('review.mine.open')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
