import { Anchor, Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { useEvaluationTasks } from './api';
import { pct, VerdictBadge } from './IntervalBar';
import { ProgramName } from '../../components/ProgramName';

/** The tasks whose results the signed-in person may read, with each one's latest verdict. */
export function EvaluationTasksPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, isLoading, error } = useEvaluationTasks();
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('evaluation.tasks.title')}</Title>
      <Text c="dimmed">{t('evaluation.tasks.intro')}</Text>
      <Card withBorder p={0}>
        {data.length === 0 ? (
          <Text p="md">{t('evaluation.tasks.none')}</Text>
        ) : (
          <Table striped highlightOnHover data-testid="evaluation-tasks">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evaluation.tasks.task')}</Table.Th>
                <Table.Th>{t('evaluation.tasks.program')}</Table.Th>
                <Table.Th>{t('evaluation.tasks.targetModel')}</Table.Th>
                <Table.Th>{t('evaluation.tasks.latest')}</Table.Th>
                <Table.Th>{t('evaluation.tasks.ratio')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.map((task) => (
                <Table.Tr key={task.id} data-testid={`task-${task.key}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/evaluation/tasks/${task.id}`}>
                      {pick(task.name, lang)}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {task.key}
                      {task.leadOrganisationName ? ` · ${pick(task.leadOrganisationName, lang)}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">
                      <ProgramName slug={task.programSlug} />
                    </Badge>
                  </Table.Td>
                  <Table.Td>{task.targetModel ?? '—'}</Table.Td>
                  <Table.Td>
                    {task.latest?.verdict ? (
                      <VerdictBadge verdict={task.latest.verdict} size="sm" />
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('evaluation.tasks.noRun')}
                      </Text>
                    )}
                    {task.latest && (
                      <Text size="xs" c="dimmed">
                        {formatInstant(task.latest.createdAt, lang)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {task.latest?.ratio != null && task.latest.ci
                      ? t('evaluation.ratioWithCi', { ratio: pct(task.latest.ratio), lo: pct(task.latest.ci[0]), hi: pct(task.latest.ci[1]) })
                      : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
