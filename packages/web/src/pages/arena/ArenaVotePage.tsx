import { Alert, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorText } from '../../api/error-text';
import { call } from '../../api/contract-client';
import { QueryState } from '../../components/QueryState';
import { arenaContract } from './api';

type Choice = 'left' | 'right' | 'tie' | 'bothBad';

/** One blind battle at a time: a prompt and two answers labelled A and B, nothing else. */
export function ArenaVotePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const { data, isLoading, error } = useQuery({ queryKey: ['arena-next', id], queryFn: () => call(arenaContract.nextBattle, { params: { id } }) });

  async function vote(choice: Choice) {
    if (!data || data.status !== 'battle') return;
    setSending(true);
    setMessage(null);
    try {
      await call(arenaContract.vote, { params: { id, battleId: data.battle.battleId }, body: { choice } });
      setMessage(t('arena.vote.recorded'));
      await qc.invalidateQueries({ queryKey: ['arena-next', id] });
    } catch (e) {
      setMessage(errorText(e, i18n));
    } finally {
      setSending(false);
    }
  }

  const progress = data?.progress;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('arena.vote.title')}</Title>
        <Button variant="default" component={Link} to="/arena">
          {t('arena.back')}
        </Button>
      </Group>
      <Text c="dimmed">{t('arena.vote.intro')}</Text>
      {progress && (
        <Group gap="sm">
          <Text size="sm" data-testid="vote-progress">
            {t('arena.progressValue', { voted: progress.voted, cap: progress.cap })}
          </Text>
          <Progress value={(100 * progress.voted) / Math.max(1, progress.cap)} w={240} />
        </Group>
      )}
      <QueryState isLoading={isLoading} error={error} />
      {message && (
        <Alert color="blue" data-testid="vote-message">
          {message}
        </Alert>
      )}
      {data && data.status !== 'battle' && <Alert color={data.status === 'capReached' ? 'green' : 'yellow'}>{t(`arena.vote.${data.status}`)}</Alert>}
      {data && data.status === 'battle' && (
        <>
          <Card withBorder data-testid="battle-prompt">
            <Text size="sm" c="dimmed">
              {t('arena.vote.prompt')}
            </Text>
            <Text fw={600} style={{ whiteSpace: 'pre-wrap' }}>
              {data.battle.prompt}
            </Text>
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {(['left', 'right'] as const).map((side) => (
              <Card withBorder key={side} data-testid={`answer-${side}`}>
                <Badge mb="sm" variant="light">
                  {t(side === 'left' ? 'arena.vote.answerA' : 'arena.vote.answerB')}
                </Badge>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{data.battle[side].answer}</Text>
              </Card>
            ))}
          </SimpleGrid>
          <Group justify="center">
            <Button disabled={sending} onClick={() => vote('left')}>
              {t('arena.vote.left')}
            </Button>
            <Button disabled={sending} variant="default" onClick={() => vote('tie')}>
              {t('arena.vote.tie')}
            </Button>
            <Button disabled={sending} variant="default" onClick={() => vote('bothBad')}>
              {t('arena.vote.bothBad')}
            </Button>
            <Button disabled={sending} onClick={() => vote('right')}>
              {t('arena.vote.right')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
