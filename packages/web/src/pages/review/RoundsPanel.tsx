import { Alert, Badge, Card, Checkbox, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/contract-client';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { formatInstant, pick } from '../../format/time';
import { issuesText } from '../../api/issue-text';
import { reviewContract, useRefreshReview, type Overview, type RoundSummary } from './api';
import { issuesOf } from './errors';

type CloseAnswer = ResponseOf<typeof reviewContract.close>;
type Line = Extract<CloseAnswer, { status: 'tie-decision' }>['tied'][number];

/** The call's rounds in order, each with its shortlist rule and state; closing one previews who passes and who leaves. */
export function RoundsPanel({ overview }: { overview: Overview }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Card withBorder padding="md" data-testid="selection-rounds">
      <Stack gap="xs">
        <Text fw={600}>{t('review.rounds.title')}</Text>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('review.rounds.round')}</Table.Th>
              <Table.Th>{t('review.rounds.weight')}</Table.Th>
              <Table.Th>{t('review.rounds.criteria')}</Table.Th>
              <Table.Th>{t('review.rounds.rule')}</Table.Th>
              <Table.Th>{t('review.rounds.state')}</Table.Th>
              <Table.Th>{t('review.rounds.counts')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {overview.rounds.map((r, i) => (
              <Table.Tr key={r.id} data-testid={`round-${r.key}`}>
                <Table.Td>
                  {i + 1}. {pick(r.name, lang)}
                </Table.Td>
                <Table.Td>{r.weight}</Table.Td>
                <Table.Td data-testid={`round-${r.key}-criteria`}>
                  <Text size="sm">
                    {r.criteria.criteria.map((c) => t('review.rounds.criterion', { name: pick(c.name, lang), points: c.points })).join(' · ')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {r.ownCriteria ? t('review.rounds.ownCriteria') : t('review.rounds.callCriteria')}
                  </Text>
                </Table.Td>
                <Table.Td>{r.statement ? pick(r.statement, lang) : t('review.rounds.noRule')}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={r.state === 'closed' ? 'gray' : r.state === 'open' ? 'green' : 'yellow'}>
                    {t(`review.rounds.states.${r.state}`)}
                  </Badge>
                  {r.closedAt && (
                    <Text size="xs" c="dimmed">
                      {formatInstant(r.closedAt, lang)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {r.state === 'closed'
                    ? t('review.rounds.closedCounts', { entrants: r.entrants, passed: r.passed, left: r.left })
                    : t('review.rounds.entrants', { count: r.entrants })}
                </Table.Td>
                <Table.Td>{r.state === 'open' && r.shortlist && i < overview.rounds.length - 1 && <CloseRound round={r} />}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

function CloseRound({ round }: { round: RoundSummary }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const refresh = useRefreshReview();
  const [error, setError] = useState<unknown>(null);
  const [tiePasses, setTiePasses] = useState<string[]>([]);
  const send = async (mode: 'preview' | 'commit', reason: string): Promise<CloseAnswer | null> => {
    setError(null);
    try {
      const res = await call(reviewContract.close, {
        params: { roundId: round.id },
        body: { mode, ...(tiePasses.length ? { tiePasses } : {}), ...(reason ? { reason } : {}) },
      });
      if (mode === 'commit') await refresh();
      return res;
    } catch (e) {
      setError(e);
      return null;
    }
  };
  const list = (lines: Line[]) => lines.map((l) => `${l.rank}. ${l.label} (${l.score}${l.tied ? `, ${t('review.rounds.tied')}` : ''})`).join(' · ');
  return (
    <ConfirmWithPreview<CloseAnswer>
      label={t('review.rounds.close')}
      title={t('review.rounds.confirmTitle', { round: pick(round.name, lang) })}
      testId={`close-${round.key}`}
      color="blue"
      error={error ? issuesText(issuesOf(error), i18n) : null}
      loadPreview={() => send('preview', '')}
      renderPreview={(p) =>
        p.status === 'tie-decision' ? (
          <Stack gap={4}>
            <Alert color="yellow">{t('review.rounds.tieDecision', { count: p.tied.length, places: p.tie.places })}</Alert>
            {p.tied.map((l) => (
              <Checkbox
                key={l.applicationId}
                label={`${l.label} (${l.score})`}
                checked={tiePasses.includes(l.applicationId)}
                onChange={(e) => setTiePasses((xs) => (e.currentTarget.checked ? [...xs, l.applicationId] : xs.filter((x) => x !== l.applicationId)))}
              />
            ))}
          </Stack>
        ) : (
          <Stack gap={4} data-testid="close-preview">
            <Text size="sm">{pick(p.statement, lang)}</Text>
            {p.tie && <Alert color="yellow">{t('review.rounds.tieStated', { count: p.tie.tied.length, places: p.tie.places })}</Alert>}
            <Text size="sm">{t('review.rounds.passes', { count: p.passes.length, next: p.next ? pick(p.next.name, lang) : '' })}</Text>
            <Text size="xs">{list(p.passes)}</Text>
            <Text size="sm">{t('review.rounds.leaves', { count: p.leaves.length })}</Text>
            <Text size="xs">{list(p.leaves)}</Text>
            <Text size="xs" c="dimmed">
              {t('review.rounds.notified')}
            </Text>
          </Stack>
        )
      }
      reason={{ label: t('review.rounds.reason'), minLength: 1 }}
      confirmLabel={t('review.rounds.confirm')}
      // the server judges the office's tie choice again on commit
      onConfirm={async (reason) => (await send('commit', reason)) !== null}
    />
  );
}
