import { Alert, Badge, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { BodyOf } from '@stagegate/core/contract/route';
import { ApiRequestError } from '../../api/client';
import { call } from '../../api/contract-client';
import { useSession } from '../../api/session';
import type { FieldIssue } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { finalEvaluationsContract as c } from './api';
import { AcceptOffer } from './AcceptOffer';
import { MakeOffer } from './MakeOffer';
import { errorText } from '../../api/error-text';

/** The negotiation thread: every offer as made (never edited), whose turn it is, counter-offer or accept. */
export function NegotiationPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { data: actor } = useSession();
  const { data, isLoading, error } = useQuery({ queryKey: ['negotiation', id], queryFn: () => call(c.proposal, { params: { id: id! } }) });
  const [offer, setOffer] = useState({ gpus: '' as number | string, startsOn: '', endsOn: '', note: '' });
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  // whether the message is a refusal (shown in the offer's dialog too) or the news that it went through
  const [refused, setRefused] = useState(false);
  const mySide = actor?.role === 'operator' ? 'operator' : 'task';

  async function send(body: BodyOf<typeof c.offer>, done: string) {
    setIssues([]);
    setMessage(null);
    setRefused(false);
    try {
      const answer = await call(c.offer, { params: { id: id! }, body });
      if (body.mode === 'commit') {
        setMessage(done);
        await qc.invalidateQueries();
      }
      return answer;
    } catch (e) {
      setIssues(e instanceof ApiRequestError ? e.issues : []);
      setMessage(errorText(e, i18n));
      setRefused(true);
      return null;
    }
  }
  const err = (field: string) =>
    issues
      .filter((i) => i.field === field)
      .map((i) => pick(i.message, i18n.language))
      .join(' · ') || undefined;

  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  const s = data.state;
  const myTurn = s.state === 'negotiating' && s.turn === mySide;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('finalEvaluation.thread.title', { task: data.taskKey })}</Title>
        <Button variant="default" component={Link} to={`/final-evaluations/${data.proposal.finalEvaluationId}`}>
          {t('finalEvaluation.back')}
        </Button>
      </Group>
      <Card withBorder>
        <Text size="sm" c="dimmed">
          {t(`finalEvaluation.goalKinds.${data.proposal.goalKind}`)}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{data.proposal.goals}</Text>
      </Card>
      <Group>
        <Badge size="lg" color={s.state === 'agreed' ? 'green' : myTurn ? 'blue' : 'gray'} data-testid="thread-state">
          {s.state === 'agreed'
            ? t('finalEvaluation.thread.agreed', { seq: s.agreed.seq })
            : s.state === 'negotiating'
              ? t(`finalEvaluation.thread.turn.${s.turn}`)
              : t(`finalEvaluation.thread.${s.state}`)}
        </Badge>
        <Text size="sm" c="dimmed">
          {t('finalEvaluation.limits', { gpus: data.limits.maxGpus ?? '—', from: data.limits.earliestStart ?? '—', to: data.limits.latestEnd ?? '—' })}
        </Text>
      </Group>
      {message && <Alert data-testid="thread-message">{message}</Alert>}
      <Card withBorder>
        <Table striped data-testid="offers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('finalEvaluation.thread.side')}</Table.Th>
              <Table.Th ta="right">{t('finalEvaluation.gpus')}</Table.Th>
              <Table.Th>{t('finalEvaluation.thread.period')}</Table.Th>
              <Table.Th>{t('finalEvaluation.thread.note')}</Table.Th>
              <Table.Th>{t('finalEvaluation.thread.at')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.offers.map((o) => (
              <Table.Tr key={o.seq}>
                <Table.Td>{o.seq}</Table.Td>
                <Table.Td>{t(`finalEvaluation.thread.sides.${o.side}`)}</Table.Td>
                <Table.Td ta="right">{o.gpus}</Table.Td>
                <Table.Td>
                  {o.startsOn} – {o.endsOn}
                </Table.Td>
                <Table.Td>{o.note}</Table.Td>
                <Table.Td>{formatInstant(o.madeAt, i18n.language)}</Table.Td>
                <Table.Td>
                  {myTurn && s.state === 'negotiating' && s.latest.seq === o.seq && <AcceptOffer proposalId={id!} offerSeq={o.seq} onDone={setMessage} />}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {s.state === 'agreed' && data.proposal.allocationRequest && (
        <Alert color={data.proposal.allocationRequest.state === 'created' ? 'green' : 'yellow'} data-testid="allocation-request">
          {data.proposal.allocationRequest.state === 'created'
            ? t('finalEvaluation.thread.allocationCreated', data.proposal.allocationRequest as unknown as Record<string, unknown>)
            : t('finalEvaluation.thread.allocationPending', { ...data.proposal.allocationRequest, note: data.proposal.allocationRequest.note ?? '' })}
        </Alert>
      )}
      {myTurn && (
        <Card withBorder>
          <Title order={4} mb="sm">
            {t('finalEvaluation.thread.counter')}
          </Title>
          <Group grow align="flex-start">
            <NumberInput label={t('finalEvaluation.gpus')} value={offer.gpus} onChange={(v) => setOffer({ ...offer, gpus: v })} error={err('gpus')} />
            <TextInput
              label={t('finalEvaluation.startsOn')}
              placeholder="YYYY-MM-DD"
              value={offer.startsOn}
              onChange={(e) => setOffer({ ...offer, startsOn: e.currentTarget.value })}
              error={err('startsOn')}
            />
            <TextInput
              label={t('finalEvaluation.endsOn')}
              placeholder="YYYY-MM-DD"
              value={offer.endsOn}
              onChange={(e) => setOffer({ ...offer, endsOn: e.currentTarget.value })}
              error={err('endsOn')}
            />
          </Group>
          <TextInput
            mt="sm"
            label={t('finalEvaluation.thread.note')}
            value={offer.note}
            onChange={(e) => setOffer({ ...offer, note: e.currentTarget.value })}
          />
          <Group mt="sm">
            <MakeOffer
              label={t('finalEvaluation.thread.sendCounter')}
              title={t('finalEvaluation.offerPreview.counterTitle')}
              testId="send-counter"
              error={refused ? message : null}
              send={(mode) =>
                send(
                  { gpus: Number(offer.gpus), startsOn: offer.startsOn, endsOn: offer.endsOn, note: offer.note || undefined, mode },
                  t('finalEvaluation.thread.offered'),
                )
              }
            />
          </Group>
        </Card>
      )}
    </Stack>
  );
}
