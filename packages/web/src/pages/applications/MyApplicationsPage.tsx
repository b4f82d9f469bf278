import { Alert, Badge, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { useCalls, useMyApplications } from './api';
import { statusColor } from './status';

export function MyApplicationsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: actor, isLoading: sessionLoading } = useSession();
  const { data, isLoading, error } = useMyApplications(!!actor);
  const { data: calls } = useCalls();
  if (sessionLoading) return <QueryState isLoading error={null} />;
  if (!actor) return <Alert color="blue">{t('applications.signInFirst')}</Alert>;
  const callName = (program: string, key: string) => {
    const c = calls?.calls.find((x) => x.program === program && x.key === key);
    return c ? pick(c.name, lang) : `${program}/${key}`;
  };
  return (
    <Stack maw={1200}>
      <Title order={2}>{t('applications.mine.title')}</Title>
      <Card withBorder padding="lg">
        <QueryState isLoading={isLoading} error={error} />
        {data && data.length === 0 && (
          <Stack align="flex-start">
            <Text c="dimmed">{t('applications.mine.none')}</Text>
            <Button component={Link} to="/calls">
              {t('applications.mine.toCalls')}
            </Button>
          </Stack>
        )}
        {data && data.length > 0 && (
          <Table highlightOnHover data-testid="my-applications">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('applications.proposal.title')}</Table.Th>
                <Table.Th>{t('applications.office.call')}</Table.Th>
                <Table.Th>{t('applications.office.status')}</Table.Th>
                <Table.Th>{t('applications.receipt.number')}</Table.Th>
                <Table.Th>{t('applications.mine.updatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Link to={a.status === 'submitted' ? `/applications/${a.id}/receipt` : `/applications/${a.id}`}>
                      {a.title || t('applications.untitled')}
                    </Link>
                  </Table.Td>
                  <Table.Td>{callName(a.program, a.call)}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[a.status]} variant="light">
                      {t(`applications.status.${a.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{a.receiptNo ?? '—'}</Table.Td>
                  <Table.Td>{formatInstant(a.updatedAt, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
