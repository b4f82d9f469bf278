import { Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call as callApi } from '../../api/contract-client';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { callPath, reviewContract, useRanking, useRefreshReview } from './api';
import { fieldError, Issues, issuesOf } from './errors';
import { issuesText } from '../../api/issue-text';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { SelectionPreview, type SelectionAnswer } from './SelectionPreview';
import { NoSelectionPanel } from './NoSelectionPanel';

type Outcome = 'selected' | 'reserve' | 'rejected';
interface Draft {
  outcome: Outcome | null;
  reason: string;
}

/** The ranking with its stated method and tie-breaks; the office records decisions with reasons, previews, saves and publishes. */
export function RankingPanel({ program, call }: { program: string; call: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ranking = useRanking(program, call);
  const refresh = useRefreshReview();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!ranking.data) return;
    setDrafts((d) =>
      Object.fromEntries(
        ranking.data!.rows.map((r) => [r.applicationId, d[r.applicationId] ?? { outcome: r.decision?.outcome ?? null, reason: r.decision?.reason ?? '' }]),
      ),
    );
  }, [ranking.data]);
  const changed = () =>
    (ranking.data?.rows ?? [])
      .filter(
        (r) =>
          drafts[r.applicationId]?.outcome &&
          (drafts[r.applicationId]!.outcome !== r.decision?.outcome || drafts[r.applicationId]!.reason !== r.decision?.reason),
      )
      .map((r) => ({ applicationId: r.applicationId, outcome: drafts[r.applicationId]!.outcome!, reason: drafts[r.applicationId]!.reason }));
  const decisions = changed();
  // a refused preview or commit also marks the rows it names (fieldError below), so the error is kept whole
  const send = async (mode: 'preview' | 'commit') => {
    setError(null);
    setMessage(null);
    try {
      const res = await callApi(reviewContract.selection, { params: { program, call }, body: { decisions, mode } });
      if (mode === 'commit') {
        setMessage(t('review.ranking.committed', { tasks: ('tasks' in res ? res.tasks : []).map((x) => x.key).join(', ') || t('review.common.none') }));
        await refresh();
      }
      return res;
    } catch (e) {
      setError(e);
      return null;
    }
  };
  const data = ranking.data;
  return (
    <Stack>
      <QueryState isLoading={ranking.isLoading} error={ranking.error} />
      {data && (
        <>
          <Card withBorder padding="md">
            <Group justify="space-between" align="flex-start">
              <div>
                <Text fw={600}>{t('review.ranking.method')}</Text>
                <Text size="sm" data-testid="ranking-method">
                  {pick(data.method, lang)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('review.ranking.limits', { tasks: data.taskCount, gpus: data.poolGpus })}
                </Text>
              </div>
              <Group>
                <Button component="a" variant="light" href={`${callPath(program, call)}/export.xlsx`} download>
                  {t('review.ranking.exportXlsx')}
                </Button>
                <Button component="a" variant="light" href={`${callPath(program, call)}/summary.pdf`} download>
                  {t('review.ranking.exportPdf')}
                </Button>
              </Group>
            </Group>
          </Card>
          {data.additional && <NoSelectionPanel program={program} call={call} ranking={data} />}
          <Card withBorder padding="md">
            <Table striped data-testid="ranking-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('review.ranking.rank')}</Table.Th>
                  <Table.Th>{t('review.ranking.receiptNo')}</Table.Th>
                  <Table.Th>{t('review.ranking.titleCol')}</Table.Th>
                  <Table.Th>{t('review.ranking.lead')}</Table.Th>
                  {data.rounds.map((r) => (
                    <Table.Th key={r.key}>
                      {pick(r.name, lang)} ({r.weight})
                    </Table.Th>
                  ))}
                  <Table.Th>{t('review.ranking.score')}</Table.Th>
                  {data.additional && <Table.Th>{t('review.additional.majority')}</Table.Th>}
                  <Table.Th>{t('review.ranking.gpus')}</Table.Th>
                  <Table.Th>{t('review.ranking.decision')}</Table.Th>
                  <Table.Th>{t('review.common.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rows.map((r) => {
                  const i = decisions.findIndex((d) => d.applicationId === r.applicationId);
                  const d = drafts[r.applicationId] ?? { outcome: null, reason: '' };
                  return (
                    <Table.Tr key={r.applicationId} data-testid={`rank-row-${r.receiptNo}`}>
                      <Table.Td fw={700}>{r.rank ?? '–'}</Table.Td>
                      <Table.Td>{r.receiptNo}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {r.title}
                        </Text>
                        {r.tieBreak && (
                          <Text size="xs" c="dimmed">
                            {t('review.ranking.tieBreak')}: {pick(r.tieBreak, lang)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{r.leadName}</Table.Td>
                      {data.rounds.map((round) => {
                        const s = r.perRound[round.key];
                        return <Table.Td key={round.key}>{s ? `${s.score.toFixed(2)} (${s.reviewCount})` : '–'}</Table.Td>;
                      })}
                      <Table.Td fw={600}>{r.score === null ? t('review.ranking.unranked') : r.score.toFixed(2)}</Table.Td>
                      {data.additional && (
                        <Table.Td data-testid={`majority-${r.receiptNo}`}>
                          {r.majority && (
                            <Badge color={r.majority.majority ? 'green' : 'gray'} variant="light">
                              {t(r.majority.majority ? 'review.additional.hasMajority' : 'review.additional.noMajority', {
                                recommending: r.majority.recommending,
                                reviewers: r.majority.reviewers,
                                needed: r.majority.needed,
                              })}
                            </Badge>
                          )}
                        </Table.Td>
                      )}
                      <Table.Td>{r.requestedGpus}</Table.Td>
                      <Table.Td>
                        <Select
                          size="xs"
                          w={110}
                          aria-label={`${t('review.ranking.decision')} ${r.receiptNo}`}
                          data={(['selected', 'reserve', 'rejected'] as const).map((o) => ({ value: o, label: t(`review.ranking.outcomes.${o}`) }))}
                          value={d.outcome}
                          onChange={(v) => setDrafts({ ...drafts, [r.applicationId]: { ...d, outcome: v as Outcome } })}
                          error={i >= 0 ? fieldError(error, `decisions.${i}.outcome`, lang) : undefined}
                        />
                        {r.decision?.taskId && (
                          <Badge mt={4} color="green" variant="light">
                            {t('review.ranking.outcomes.selected')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          aria-label={`${t('review.common.reason')} ${r.receiptNo}`}
                          value={d.reason}
                          onChange={(e) => setDrafts({ ...drafts, [r.applicationId]: { ...d, reason: e.currentTarget.value } })}
                          error={i >= 0 ? fieldError(error, `decisions.${i}.reason`, lang) : undefined}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            <Group mt="md">
              <ConfirmWithPreview<SelectionAnswer>
                label={t('review.ranking.previewSelection')}
                title={t('review.ranking.commitSelection')}
                color="green"
                variant="light"
                testId="selection-save"
                disabled={decisions.length === 0}
                error={error ? issuesText(issuesOf(error), i18n) : null}
                loadPreview={() => send('preview')}
                renderPreview={(p) => <SelectionPreview preview={p} rows={data.rows} />}
                confirmLabel={t('review.ranking.commitSelection')}
                onConfirm={async () => (await send('commit')) !== null}
              />
              {data.publishedAt && <Badge color="green">{t('review.office.published', { at: formatInstant(data.publishedAt, lang) })}</Badge>}
              {!data.publishedAt && (
                <Text size="sm" c="dimmed">
                  {t('review.ranking.publishHint')}
                </Text>
              )}
            </Group>
            <Stack mt="sm">
              <Issues error={error} testId="selection-error" />
              {message && (
                <Alert color="green" data-testid="selection-message">
                  {message}
                </Alert>
              )}
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}
