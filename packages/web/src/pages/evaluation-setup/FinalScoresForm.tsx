import { Alert, Card, Group, List, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseFinalScore } from '@stagegate/core/final-evaluation/score-entry';
import type { LocalizedText } from '../../api/types';
import type { ScoresPreview } from '../final-evaluation/api';
import { useMutationCall } from '../../api/use-mutation-call';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { pick } from '../../format/time';

/**
 * The office types each task's final score; core's rule reads it (blank: not entered, never zero)
 * and names a bad one under its field, the server previews each change with the score before, and
 * only a confirmation saves it.
 */
export function FinalScoresForm({
  id,
  tasks,
  onDone,
}: {
  id: string;
  tasks: { taskId: string; taskName: LocalizedText; score: number | null }[];
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const m = useMutationCall();
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(tasks.map((x) => [x.taskId, x.score === null ? '' : String(x.score)])));
  const parsed = tasks.map((x, i) => ({ task: x, ...parseFinalScore(texts[x.taskId] ?? '', `scores.${i}.score`) }));
  const entered = parsed.filter((p) => p.score !== null);
  const anyIssue = parsed.some((p) => p.issue);
  const body = (mode: 'preview' | 'commit') => ({ scores: entered.map((p) => ({ taskId: p.task.taskId, score: p.score })), mode });
  const url = `/api/v1/final-evaluations/${id}/scores`;
  return (
    <Card withBorder data-testid="final-scores">
      <Stack gap="xs">
        <Title order={3}>{t('evaluationSetup.final.scoresTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('evaluationSetup.final.scoresHint')}
        </Text>
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('finalEvaluation.task')}</Table.Th>
              <Table.Th>{t('finalEvaluation.score')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {parsed.map((p) => (
              <Table.Tr key={p.task.taskId}>
                <Table.Td>{pick(p.task.taskName, lang)}</Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('evaluationSetup.final.scoreFor', { name: pick(p.task.taskName, lang) })}
                    inputMode="decimal"
                    maxLength={6}
                    value={texts[p.task.taskId] ?? ''}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setTexts((s) => ({ ...s, [p.task.taskId]: v }));
                    }}
                    error={p.issue ? pick(p.issue.message, lang) : m.issueFor(`scores.${entered.indexOf(p)}.score`)}
                    data-testid={`final-score-${p.task.taskId}`}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group>
          <ConfirmWithPreview<ScoresPreview>
            label={t('evaluationSetup.final.scoresPreview')}
            title={t('evaluationSetup.final.scoresDialog')}
            color="blue"
            testId="final-scores-save"
            disabled={anyIssue || entered.length === 0}
            error={m.error}
            loadPreview={() => m.send<ScoresPreview>('PUT', url, body('preview'))}
            renderPreview={(p) => (
              <Stack gap="xs">
                {p.changes.length === 0 ? (
                  <Text size="sm">{t('evaluationSetup.final.noChange')}</Text>
                ) : (
                  <List size="sm" data-testid="final-scores-changes">
                    {p.changes.map((c) => (
                      <List.Item key={c.taskId}>
                        {t('evaluationSetup.final.changeLine', {
                          name: pick(c.taskName, lang),
                          before: c.before ?? t('evaluationSetup.final.notEntered'),
                          after: c.after,
                        })}
                      </List.Item>
                    ))}
                  </List>
                )}
                {p.clearsDesignation && <Alert color="yellow">{t('evaluationSetup.final.clearsDesignation')}</Alert>}
                {p.withdrawsPublication && (
                  <Alert color="red" data-testid="final-scores-withdraws">
                    {t('finalEvaluationPublish.withdrawsPublication')}
                  </Alert>
                )}
              </Stack>
            )}
            confirmLabel={t('evaluationSetup.final.scoresConfirm')}
            onConfirm={async () => {
              const saved = await m.send<{ status: string }>('PUT', url, body('commit'));
              if (saved) onDone(t('evaluationSetup.final.scoresSaved'));
              return saved !== null;
            }}
          />
        </Group>
      </Stack>
    </Card>
  );
}
