import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { call } from '../../api/contract-client';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { pick } from '../../format/time';
import { reviewContract } from './api';
import { Issues } from './errors';

/** Where an invitation link lands: accept (signed in as a reviewer) or decline. */
export function InvitationPage() {
  const { token } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: actor } = useSession();
  const inv = useQuery({
    queryKey: ['review', 'invitation', token],
    queryFn: () => call(reviewContract.invitation, { params: { token: token! } }),
    retry: false,
  });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const answer = async (accept: boolean) => {
    setError(null);
    try {
      const res = await call(reviewContract.respond, { params: { token: token! }, body: { accept } });
      setDone(res.reviewer.status);
      await inv.refetch();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Stack maw={700}>
      <Title order={2}>{t('review.invitation.title')}</Title>
      <QueryState isLoading={inv.isLoading} error={inv.error} />
      {inv.data && (
        <Card withBorder padding="lg">
          <Text>{t('review.invitation.body', { name: inv.data.name, program: pick(inv.data.programName, lang), call: pick(inv.data.callName, lang) })}</Text>
          <Text c="dimmed" mt="xs">
            {t('review.invitation.status', { status: t(`review.pool.statuses.${inv.data.status}`) })}
          </Text>
          {actor?.role !== 'reviewer' && (
            <Alert mt="sm" color="yellow">
              {t('review.invitation.signInFirst')}
            </Alert>
          )}
          <Group mt="md">
            <Button onClick={() => answer(true)} disabled={actor?.role !== 'reviewer'}>
              {t('review.invitation.accept')}
            </Button>
            <Button variant="default" onClick={() => answer(false)}>
              {t('review.invitation.decline')}
            </Button>
          </Group>
          <Stack mt="sm">
            <Issues error={error} />
            {done && <Alert color="green">{t('review.invitation.done', { status: t(`review.pool.statuses.${done}`) })}</Alert>}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
