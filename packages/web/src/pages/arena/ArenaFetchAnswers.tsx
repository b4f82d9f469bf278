import { Alert, Button, Card, Group, Loader, NumberInput, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { modelEndpointsContract } from '@stagegate/core/contract/model-endpoints';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { call, pathOf } from '../../api/contract-client';
import { useMutationCall } from '../../api/use-mutation-call';
import { QueryState } from '../../components/QueryState';
import { pick } from '../../format/time';
import { arenaContract, type ArenaTeam } from './api';
import { RefusalList } from './RefusalList';

type Fetched = ResponseOf<typeof arenaContract.fetchAnswers>;

/**
 * The office asks a team's registered endpoint for an answer to every prompt. The server sends the
 * requests (only to endpoints the office registered) and answers once all are done, so the page
 * shows the wait and then how many answers it stored and which prompts got none. The API key goes
 * with this one request and is neither stored nor shown again.
 */
export function ArenaFetchAnswers({ arenaId, program, prompts, teams }: { arenaId: string; program: string; prompts: number; teams: ArenaTeam[] }) {
  const { t, i18n } = useTranslation();
  const m = useMutationCall();
  const endpoints = useQuery({
    queryKey: ['model-endpoints', program],
    queryFn: () => call(modelEndpointsContract.list, { params: { slug: program } }).then((r) => r.endpoints),
  });
  const [taskId, setTaskId] = useState<string | null>(null);
  const [baseUrl, setBaseUrl] = useState<string | null>(null);
  const [model, setModel] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [maxTokens, setMaxTokens] = useState<number | string>(1024);
  const [result, setResult] = useState<{ team: string; fetched: Fetched } | null>(null);

  async function fetchAnswers() {
    const team = teams.find((x) => x.taskId === taskId);
    if (!team || !baseUrl) return;
    setResult(null);
    const fetched = await m.send<Fetched>('POST', pathOf(arenaContract.fetchAnswers, { params: { id: arenaId } }), {
      taskId: team.taskId,
      baseUrl,
      model: model.trim(),
      ...(apiKey ? { apiKey } : {}),
      maxTokens: typeof maxTokens === 'number' ? maxTokens : 1024,
    });
    if (fetched) {
      setApiKey('');
      setResult({ team: pick(team.taskName, i18n.language), fetched });
    }
  }

  const maxTokensBad = !(typeof maxTokens === 'number' && Number.isInteger(maxTokens) && maxTokens >= 1 && maxTokens <= 8192);
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t('arena.fetch.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('arena.fetch.intro')}
      </Text>
      {!endpoints.data ? (
        <QueryState isLoading={endpoints.isLoading} error={endpoints.error} />
      ) : endpoints.data.length === 0 ? (
        <Alert color="yellow" data-testid="arena-fetch-no-endpoints">
          {t('arena.fetch.noEndpoints')}
        </Alert>
      ) : (
        <Stack gap="xs">
          <Group grow align="flex-start">
            <Select
              label={t('arena.inputs.team')}
              data={teams.map((x) => ({ value: x.taskId, label: pick(x.taskName, i18n.language) }))}
              value={taskId}
              onChange={(v) => {
                setTaskId(v);
                m.clear();
                const target = teams.find((x) => x.taskId === v)?.targetModel;
                if (target && !model.trim()) setModel(target);
              }}
              data-testid="arena-fetch-team"
            />
            <Select
              label={t('arena.fetch.endpoint')}
              data={endpoints.data.map((e) => ({ value: e.url, label: `${e.label} (${e.url})` }))}
              value={baseUrl}
              onChange={(v) => (setBaseUrl(v), m.clear())}
              data-testid="arena-fetch-endpoint"
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('arena.fetch.model')}
              description={t('arena.fetch.modelHint')}
              value={model}
              onChange={(e) => setModel(e.currentTarget.value)}
              maxLength={200}
              data-testid="arena-fetch-model"
            />
            <PasswordInput
              label={t('arena.fetch.apiKey')}
              description={t('arena.fetch.apiKeyHint')}
              value={apiKey}
              onChange={(e) => setApiKey(e.currentTarget.value)}
              maxLength={500}
              autoComplete="off"
              data-testid="arena-fetch-key"
            />
            <NumberInput
              label={t('arena.fetch.maxTokens')}
              value={maxTokens}
              onChange={setMaxTokens}
              min={1}
              max={8192}
              allowDecimal={false}
              error={maxTokensBad ? t('arena.fetch.maxTokensInvalid') : undefined}
            />
          </Group>
          <Group>
            <Button
              onClick={fetchAnswers}
              disabled={!taskId || !baseUrl || !model.trim() || maxTokensBad || prompts === 0}
              loading={m.busy}
              data-testid="arena-fetch-start"
            >
              {t('arena.fetch.start')}
            </Button>
            {prompts === 0 && (
              <Text size="sm" c="dimmed">
                {t('arena.fetch.promptsFirst')}
              </Text>
            )}
          </Group>
          {m.busy && (
            <Group gap="xs" data-testid="arena-fetch-running">
              <Loader size="xs" />
              <Text size="sm">{t('arena.fetch.running', { n: prompts })}</Text>
            </Group>
          )}
          {result && (
            <Alert color={result.fetched.failures.length ? 'yellow' : 'green'} data-testid="arena-fetch-done">
              <Text size="sm">{t('arena.fetch.stored', { n: result.fetched.answers, team: result.team })}</Text>
              {result.fetched.failures.length > 0 && (
                <Text size="sm">
                  {t('arena.fetch.failed', { n: result.fetched.failures.length, ids: result.fetched.failures.map((f) => f.promptId).join(', ') })}
                </Text>
              )}
            </Alert>
          )}
          <RefusalList issues={m.issues} error={m.error} testId="arena-fetch-refused" />
        </Stack>
      )}
    </Card>
  );
}
