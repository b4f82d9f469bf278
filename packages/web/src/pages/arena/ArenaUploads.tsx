import { Button, Card, FileInput, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { pathOf } from '../../api/contract-client';
import { useMutationCall } from '../../api/use-mutation-call';
import { pick } from '../../format/time';
import { arenaContract, type ArenaTeam } from './api';
import { RefusalList } from './RefusalList';

/**
 * The office gives the arena its prompts and each team's answers as JSON-lines files, one object a
 * line ({"id","prompt"} and {"id","answer"}). The server reads and checks every line; this page only
 * sends the file and shows what the server stored or which lines it refused.
 */
export function ArenaUploads({ arenaId, teams }: { arenaId: string; teams: ArenaTeam[] }) {
  const { t, i18n } = useTranslation();
  const prompts = useMutationCall();
  const answers = useMutationCall();
  const [promptFile, setPromptFile] = useState<File | null>(null);
  const [answerFile, setAnswerFile] = useState<File | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const [stored, setStored] = useState<{ prompts?: number; answers?: { n: number; team: string } }>({});

  async function sendPrompts() {
    if (!promptFile) return;
    setStored((s) => ({ ...s, prompts: undefined }));
    const res = await prompts.send<ResponseOf<typeof arenaContract.prompts>>('PUT', pathOf(arenaContract.prompts, { params: { id: arenaId } }), {
      jsonl: await promptFile.text(),
      fileName: promptFile.name,
    });
    if (res) setStored((s) => ({ ...s, prompts: res.prompts }));
  }
  async function sendAnswers() {
    const team = teams.find((x) => x.taskId === taskId);
    if (!answerFile || !team) return;
    setStored((s) => ({ ...s, answers: undefined }));
    const res = await answers.send<ResponseOf<typeof arenaContract.answers>>('PUT', pathOf(arenaContract.answers, { params: { id: arenaId } }), {
      taskId: team.taskId,
      jsonl: await answerFile.text(),
      fileName: answerFile.name,
    });
    if (res) setStored((s) => ({ ...s, answers: { n: res.answers, team: pick(team.taskName, i18n.language) } }));
  }

  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t('arena.inputs.title')}
      </Title>
      <Stack>
        <Stack gap="xs">
          <Group align="flex-end">
            <FileInput
              label={t('arena.inputs.promptsFile')}
              description={t('arena.inputs.promptsHint')}
              accept=".jsonl,.json,.txt"
              value={promptFile}
              onChange={(f) => (setPromptFile(f), prompts.clear(), setStored((s) => ({ ...s, prompts: undefined })))}
              clearable
              w={420}
              data-testid="arena-prompts-file"
            />
            <Button onClick={sendPrompts} disabled={!promptFile} loading={prompts.busy} data-testid="arena-prompts-upload">
              {t('arena.inputs.promptsUpload')}
            </Button>
          </Group>
          {stored.prompts !== undefined && (
            <Text size="sm" c="green" data-testid="arena-prompts-stored">
              {t('arena.inputs.promptsStored', { n: stored.prompts })}
            </Text>
          )}
          <RefusalList issues={prompts.issues} error={prompts.error} testId="arena-prompts-refused" />
        </Stack>
        <Stack gap="xs">
          <Group align="flex-end">
            <Select
              label={t('arena.inputs.team')}
              data={teams.map((x) => ({ value: x.taskId, label: pick(x.taskName, i18n.language) }))}
              value={taskId}
              onChange={(v) => (setTaskId(v), answers.clear())}
              w={260}
              data-testid="arena-answers-team"
            />
            <FileInput
              label={t('arena.inputs.answersFile')}
              description={t('arena.inputs.answersHint')}
              accept=".jsonl,.json,.txt"
              value={answerFile}
              onChange={(f) => (setAnswerFile(f), answers.clear(), setStored((s) => ({ ...s, answers: undefined })))}
              clearable
              w={420}
              data-testid="arena-answers-file"
            />
            <Button onClick={sendAnswers} disabled={!answerFile || !taskId} loading={answers.busy} data-testid="arena-answers-upload">
              {t('arena.inputs.answersUpload')}
            </Button>
          </Group>
          {stored.answers && (
            <Text size="sm" c="green" data-testid="arena-answers-stored">
              {t('arena.inputs.answersStored', { n: stored.answers.n, team: stored.answers.team })}
            </Text>
          )}
          <RefusalList issues={answers.issues} error={answers.error} testId="arena-answers-refused" />
        </Stack>
      </Stack>
    </Card>
  );
}
