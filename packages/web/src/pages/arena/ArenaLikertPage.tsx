import { Alert, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiRequestError } from '../../api/client';
import { call } from '../../api/contract-client';
import { QueryState } from '../../components/QueryState';
import { pick } from '../../format/time';
import { arenaContract } from './api';

/** Likert forms: anonymous models with sample answers, 1–5 per criterion. */
export function ArenaLikertPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { data, isLoading, error } = useQuery({ queryKey: ['arena-likert', id], queryFn: () => call(arenaContract.likertForm, { params: { id } }) });
  const [draft, setDraft] = useState<Record<number, Record<string, number>>>({});
  const [message, setMessage] = useState<Record<number, string>>({});

  async function save(item: number) {
    try {
      await call(arenaContract.saveLikert, { params: { id, item }, body: { scores: draft[item] ?? {} } });
      setMessage((m) => ({ ...m, [item]: t('arena.likert.saved') }));
      await qc.invalidateQueries({ queryKey: ['arena-likert', id] });
    } catch (e) {
      setMessage((m) => ({
        ...m,
        [item]: e instanceof ApiRequestError ? e.issues.map((i) => pick(i.message, i18n.language)).join(' · ') || e.message : (e as Error).message,
      }));
    }
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('arena.likert.title')}</Title>
        <Button variant="default" component={Link} to="/arena">
          {t('arena.back')}
        </Button>
      </Group>
      <Text c="dimmed">{t('arena.likert.intro')}</Text>
      <QueryState isLoading={isLoading} error={error} />
      {data?.items.map((it) => (
        <Card withBorder key={it.item}>
          <Title order={4}>{t('arena.likert.item', { n: it.item })}</Title>
          {it.samples.map((s, i) => (
            <Stack key={i} gap={2} my="xs">
              <Text size="sm" fw={600}>
                {s.prompt}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {s.answer}
              </Text>
            </Stack>
          ))}
          {data.criteria.map((c) => (
            <Group key={c.key} my={4}>
              <Text w={160}>{pick(c.name, i18n.language)}</Text>
              <SegmentedControl
                aria-label={pick(c.name, i18n.language)}
                value={String(draft[it.item]?.[c.key] ?? it.scores[c.key] ?? '')}
                onChange={(v) => setDraft((d) => ({ ...d, [it.item]: { ...it.scores, ...d[it.item], [c.key]: Number(v) } }))}
                data={['1', '2', '3', '4', '5']}
              />
            </Group>
          ))}
          <Group mt="sm">
            <Button size="xs" onClick={() => save(it.item)}>
              {t('arena.likert.save')}
            </Button>
            {message[it.item] && <Alert py={4}>{message[it.item]}</Alert>}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
