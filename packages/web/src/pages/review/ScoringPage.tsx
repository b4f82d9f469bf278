import { Alert, Badge, Button, Card, Divider, Grid, Group, List, NumberInput, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiRequestError } from '../../api/client';
import { call, pathOf } from '../../api/contract-client';
import { QueryState } from '../../components/QueryState';
import { pick } from '../../format/time';
import { reviewContract, useRefreshReview, type Scores } from './api';
import { fieldError, Issues } from './errors';
import { DueDate } from './DueDate';
import { PledgeCard } from './PledgeCard';

/** One proposal as the reviewer reads it (identities withheld when blind) beside the score sheet from the program's scheme. */
export function ScoringPage() {
  const { roundId, applicationId } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const refresh = useRefreshReview();
  const sheet = { roundId: roundId!, applicationId: applicationId! };
  const view = useQuery({
    queryKey: ['review', 'sheet', roundId, applicationId],
    queryFn: () => call(reviewContract.proposal, { params: sheet }),
    retry: false,
  });
  const [scores, setScores] = useState<Scores>({});
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [conflictReason, setConflictReason] = useState('');
  // the sheet is loaded once; later refetches (after a save) must not overwrite what is being typed
  const loaded = useRef(false);
  useEffect(() => {
    if (loaded.current || !view.data) return;
    loaded.current = true;
    if (view.data.sheet) setScores(view.data.sheet.scores);
  }, [view.data]);
  const v = view.data;
  const submitted = v?.sheet?.status === 'submitted';
  const total = v ? v.form.criteria.reduce((s, c) => s + (Number(scores[c.key]?.score) || 0), 0) : 0;
  const save = async (mode: 'draft' | 'submit') => {
    setError(null);
    setMessage(null);
    try {
      await call(reviewContract.sheet, { params: sheet, body: { scores, mode } });
      setMessage(mode === 'submit' ? t('review.score.submitted') : t('review.score.draftSaved'));
      await refresh();
    } catch (e) {
      setError(e);
    }
  };
  const declare = async () => {
    setError(null);
    try {
      await call(reviewContract.declareConflict, { params: sheet, body: { reason: conflictReason } });
      setMessage(t('review.score.declared'));
    } catch (e) {
      setError(e);
    }
  };
  const p = v?.application.proposal;
  // the round's proposals stay closed until the reviewer accepts its pledge: ask for it here, then open
  const pledgeNeeded = view.error instanceof ApiRequestError && view.error.code === 'pledge_required';
  const docUrl = (id: string) => pathOf(reviewContract.attachment, { params: { ...sheet, attachmentId: id } });
  const [docId, setDocId] = useState<string | null>(null);
  const shownDoc = docId ?? v?.attachments[0]?.id ?? null;
  return (
    <Stack maw={1400}>
      {pledgeNeeded ? <PledgeCard roundId={roundId!} onAccepted={() => void view.refetch()} /> : <QueryState isLoading={view.isLoading} error={view.error} />}
      {v && p && (
        <>
          <div>
            <Title order={2}>
              {t('review.score.title')} · {v.application.receiptNo}
            </Title>
            <Text c="dimmed">
              {pick(v.callName, lang)} · {pick(v.round.name, lang)}
            </Text>
            <Group gap="xs" mt={4}>
              <Text size="sm" fw={600}>
                {t('review.mine.due')}
              </Text>
              <DueDate dueAt={v.round.dueAt} testId="review-due" />
            </Group>
          </div>
          {v.application.blind && (
            <Alert color="blue" data-testid="blind-note">
              {t('review.score.blindNote')}
            </Alert>
          )}
          <Grid>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Card withBorder padding="md" data-testid="proposal">
                <Title order={3}>{p.title}</Title>
                <Text size="sm" fw={600} mt="sm">
                  {t('review.score.summary')}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {p.summary}
                </Text>
                <Text size="sm" fw={600} mt="sm">
                  {t('review.score.goals')}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {p.developmentGoals}
                </Text>
                {p.stageGoals && p.stageGoals.length > 0 && (
                  <>
                    <Text size="sm" fw={600} mt="sm">
                      {t('review.score.stageGoals')}
                    </Text>
                    <List size="sm">
                      {p.stageGoals.map((g, i) => (
                        <List.Item key={i}>
                          {g.metric}: {g.target} ({g.dueDate})
                        </List.Item>
                      ))}
                    </List>
                  </>
                )}
                <Text size="sm" fw={600} mt="sm">
                  {t('review.score.gpuRequest')}
                </Text>
                <Text size="sm">{(p.gpuRequest ?? []).map((g) => `${g.phaseKey}: ${g.gpus}`).join(' · ')}</Text>
                {p.openSourcePlan && (
                  <>
                    <Text size="sm" fw={600} mt="sm">
                      {t('review.score.openSource')}
                    </Text>
                    <Text size="sm">
                      {p.openSourcePlan.what} ({p.openSourcePlan.licence})
                    </Text>
                  </>
                )}
                <Divider my="sm" />
                <Text size="sm" fw={600}>
                  {t('review.score.consortium')}
                </Text>
                <Table>
                  <Table.Tbody>
                    {v.application.consortium.map((m, i) => (
                      <Table.Tr key={i}>
                        <Table.Td>{m.position === 'lead' ? t('review.score.lead') : t('review.score.participant')}</Table.Td>
                        <Table.Td>{m.name ?? '—'}</Table.Td>
                        <Table.Td>{t(`review.orgType.${m.type}`, { defaultValue: m.type })}</Table.Td>
                        <Table.Td>{m.role ?? ''}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Divider my="sm" />
                <Text size="sm" fw={600}>
                  {t('review.score.documents')}
                </Text>
                {v.attachments.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('review.score.noDocuments')}
                  </Text>
                )}
                <Group gap="xs" data-testid="proposal-documents">
                  {v.attachments.map((a) => (
                    <Button key={a.id} size="xs" variant={a.id === shownDoc ? 'filled' : 'light'} onClick={() => setDocId(a.id)}>
                      {a.fileName}
                    </Button>
                  ))}
                </Group>
                {shownDoc && (
                  <>
                    {/* same-origin frame: the page's CSP (default-src 'self') allows it and the PDF is served inline, framable by this site only */}
                    <iframe
                      title={t('review.score.documents')}
                      src={docUrl(shownDoc)}
                      style={{ width: '100%', height: 720, border: '1px solid var(--mantine-color-gray-3)', marginTop: 8 }}
                      data-testid="proposal-pdf"
                    />
                    <Button size="xs" variant="subtle" component="a" href={docUrl(shownDoc)} target="_blank" rel="noopener">
                      {t('review.score.openDocument')}
                    </Button>
                  </>
                )}
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Card withBorder padding="md" data-testid="score-sheet">
                <Group justify="space-between">
                  <Title order={4}>{t('review.score.title')}</Title>
                  {v.sheet && <Badge color={submitted ? 'green' : 'yellow'}>{t(`review.assignment.sheet.${v.sheet.status}`)}</Badge>}
                </Group>
                <Stack mt="sm">
                  {v.form.criteria.map((c) => {
                    const name = pick(c.name, lang);
                    return (
                      <Card key={c.key} withBorder padding="sm">
                        <Text fw={600}>
                          {name} ({t('review.common.points', { points: c.points })})
                        </Text>
                        {c.subCriteria.length > 0 && (
                          <List size="xs" c="dimmed">
                            {c.subCriteria.map((s, i) => (
                              <List.Item key={i}>{pick(s, lang)}</List.Item>
                            ))}
                          </List>
                        )}
                        <NumberInput
                          mt="xs"
                          label={t('review.score.scoreLabel', { name, points: c.points })}
                          min={0}
                          max={c.points}
                          step={0.5}
                          decimalScale={1}
                          clampBehavior="none"
                          disabled={submitted}
                          value={scores[c.key]?.score ?? ''}
                          onChange={(val) => setScores((prev) => ({ ...prev, [c.key]: { ...prev[c.key], score: val === '' ? null : Number(val) } }))}
                          error={fieldError(error, `scores.${c.key}.score`, lang)}
                        />
                        <Textarea
                          mt="xs"
                          label={t('review.score.commentLabel', { name })}
                          autosize
                          minRows={2}
                          disabled={submitted}
                          value={scores[c.key]?.comment ?? ''}
                          onChange={(e) => {
                            const comment = e.currentTarget.value;
                            setScores((prev) => ({ ...prev, [c.key]: { ...prev[c.key], comment } }));
                          }}
                          error={fieldError(error, `scores.${c.key}.comment`, lang)}
                        />
                      </Card>
                    );
                  })}
                  <Text fw={700} data-testid="sheet-total">
                    {t('review.score.total', { total: Math.round(total * 10) / 10, max: v.form.totalPoints })}
                  </Text>
                  {!submitted && (
                    <Group>
                      <Button variant="default" onClick={() => save('draft')}>
                        {t('review.score.saveDraft')}
                      </Button>
                      <Button onClick={() => save('submit')}>{t('review.score.submit')}</Button>
                    </Group>
                  )}
                  <Issues error={error} testId="sheet-error" />
                  {message && (
                    <Alert color="green" data-testid="sheet-message">
                      {message}
                    </Alert>
                  )}
                  {!submitted && (
                    <Group align="flex-end">
                      <TextInput
                        label={t('review.score.declareReason')}
                        value={conflictReason}
                        onChange={(e) => setConflictReason(e.currentTarget.value)}
                        w={320}
                      />
                      <Button variant="subtle" color="red" onClick={declare} disabled={!conflictReason.trim()}>
                        {t('review.score.declare')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Card>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
