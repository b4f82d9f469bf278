import { Alert, Card, Code, Group, List, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatInstant, pick } from '../../format/time';
import { pathOf } from '../../api/contract-client';
import { stageEvaluationsContract as c, type CorrectionPreview, type DecisionPreview, type EvaluationView } from './api';
import { OutcomeBadge } from './parts';
import { useMutationCall } from '../../api/use-mutation-call';

const isCorrection = (p: DecisionPreview | CorrectionPreview): p is CorrectionPreview => 'kind' in p && p.kind === 'correction';

/** The system's proposal, the operator's confirmation or departure (with reason), previewed with its enforcement, then committed. */
export function DecisionPanel({ view, canDecide }: { view: EvaluationView; canDecide: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const teamName = (key: string) => pick(view.teams.find((x) => x.key === key)?.name, lang) || key;
  const poolName = (key: string) => pick(view.gpuPools.find((x) => x.key === key)?.name, lang) || key;
  const { send, error, busy, issueFor, issues } = useMutationCall();
  // today in Seoul by the server's database clock, or the period's end while that is still ahead
  // a correction holds from today unless the office dates it back (with a reason)
  const reopened = view.evaluation.status === 'reopened';
  const [decidedOn, setDecidedOn] = useState(reopened ? view.today : view.defaultDecidedOn);
  const past = decidedOn < view.today;
  const [overrides, setOverrides] = useState<Record<string, 'continue' | 'eliminate'>>({});
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);
  // under `office-decides`: GPUs per pool, then per remaining team, as typed (blank = not given)
  const [amounts, setAmounts] = useState<Record<string, Record<string, string>>>({});
  const officeDecides = view.redistribution?.rule === 'office-decides';
  const amountsBody = () => {
    const given = Object.fromEntries(
      Object.entries(amounts)
        .map(
          ([pool, teams]) =>
            [
              pool,
              Object.fromEntries(
                Object.entries(teams)
                  .filter(([, v]) => v.trim() !== '')
                  .map(([team, v]) => [team, Number(v)]),
              ),
            ] as const,
        )
        .filter(([, teams]) => Object.keys(teams).length > 0),
    );
    return officeDecides && Object.keys(given).length ? { amounts: given } : undefined;
  };

  // a past day needs a reason; the preview is asked with a placeholder long enough to pass, the commit with the operator's words
  const body = (mode: string, retroactiveReason?: string) => ({
    decidedOn,
    overrides,
    departureReason: reason || undefined,
    retroactiveReason: past ? retroactiveReason : undefined,
    redistribution: amountsBody(),
    expectedRevision: view.evaluation.revision,
    mode,
  });
  const url = pathOf(c.decide, { params: { id: view.evaluation.id } });
  const doPreview = () => send<DecisionPreview | CorrectionPreview>('POST', url, body('preview', past ? 'preview only — no reason yet' : undefined));
  const commit = async (retroactiveReason: string) => {
    const res = await send<DecisionPreview | CorrectionPreview>('POST', url, body('commit', retroactiveReason));
    if (res) setDone(true);
    return !!res;
  };

  if (view.decision && !reopened) {
    const d = view.decision;
    return (
      <Card withBorder data-testid="decision">
        <Title order={4}>{t('stageEvaluation.decision.confirmedTitle', { date: formatDate(d.decidedOn, lang) })}</Title>
        {d.correction && (
          <Alert color="teal" mt="xs" data-testid="decision-corrected">
            {t('stageEvaluation.correction.corrected', { version: d.version, date: formatDate(d.correction.effectiveFrom, lang) })} —{' '}
            {t('stageEvaluation.correction.reason')}: {d.correction.reason}
          </Alert>
        )}
        <Table mt="sm">
          <Table.Tbody>
            {d.outcomes.map((o) => (
              <Table.Tr key={o.taskKey}>
                <Table.Td>{teamName(o.taskKey)}</Table.Td>
                <Table.Td>
                  <OutcomeBadge outcome={o.outcome} />
                </Table.Td>
                <Table.Td>{o.outcome !== o.proposed ? t('stageEvaluation.decision.departed') : t('stageEvaluation.decision.asProposed')}</Table.Td>
                <Table.Td>{o.reasons.map((r) => pick(r, lang)).join(' / ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {d.departureReason && (
          <Text mt="xs">
            {t('stageEvaluation.decision.departureReason')}: {d.departureReason}
          </Text>
        )}
        <Title order={5} mt="md">
          {t('stageEvaluation.decision.enforcement')}
        </Title>
        <List size="sm" data-testid="enforcement">
          {d.enforcement.map((e) => (
            <List.Item key={e.taskKey}>
              {teamName(e.taskKey)}: {t(`stageEvaluation.taskStatus.${e.statusAfter}`, { defaultValue: e.statusAfter })}
              {e.allocationsEnded.map((a, i) => (
                <Text span key={i}>
                  {' '}
                  · {t('stageEvaluation.decision.allocationEnded', { gpus: a.gpus, pool: a.poolKey, date: a.endedOn })}
                </Text>
              ))}
              {e.allocationsStarted.map((a, i) => (
                <Text span key={i}>
                  {' '}
                  · {t('stageEvaluation.decision.allocationStarts', { gpus: a.gpus, pool: a.poolKey, date: a.startsOn })}
                </Text>
              ))}
              {(e.gpusReceived ?? []).map((a, i) => (
                <Text span key={`r${i}`}>
                  {' '}
                  · {t('stageEvaluation.decision.gpusReceived', { gpus: a.gpus, pool: poolName(a.poolKey), date: formatDate(a.from, lang) })}
                </Text>
              ))}
            </List.Item>
          ))}
        </List>
        <Title order={5} mt="md">
          {t('stageEvaluation.decision.slurmPlan')}
        </Title>
        <Code block data-testid="slurm-plan">
          {d.slurmPlan.join('\n')}
        </Code>
        <Text size="sm" mt="xs">
          {d.appealClosesAt
            ? t('stageEvaluation.appealCloses', { at: formatInstant(d.appealClosesAt, lang) })
            : t('stageEvaluation.decision.appealAtPublication')}
        </Text>
      </Card>
    );
  }

  return (
    <Card withBorder data-testid="proposal">
      {reopened && view.reopenedFor && (
        <Alert color="orange" mb="sm" title={t('stageEvaluation.reopened.title')} data-testid="reopened-banner">
          {t('stageEvaluation.reopened.body', { team: teamName(view.reopenedFor.team), reason: view.reopenedFor.resolution ?? '' })}
          {view.decision && (
            <Text size="sm" mt={4}>
              {t('stageEvaluation.reopened.inForce', { version: view.decision.version })}
            </Text>
          )}
        </Alert>
      )}
      <Title order={4}>{t('stageEvaluation.decision.proposalTitle')}</Title>
      {view.proposal.blocking.length > 0 && (
        <Alert color="orange" mt="sm" title={t('stageEvaluation.decision.blocking')} data-testid="blocking">
          <List size="sm">
            {view.proposal.blocking.map((b, i) => (
              <List.Item key={i}>{pick(b, lang)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Table mt="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stageEvaluation.team')}</Table.Th>
            <Table.Th>{t('stageEvaluation.decision.proposed')}</Table.Th>
            <Table.Th>{t('stageEvaluation.reason')}</Table.Th>
            {canDecide && <Table.Th>{t('stageEvaluation.decision.operatorOutcome')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.proposal.items.map((p) => (
            <Table.Tr key={p.team} data-testid={`proposal-${p.team}`}>
              <Table.Td>{teamName(p.team)}</Table.Td>
              <Table.Td>
                <OutcomeBadge outcome={p.outcome} />
              </Table.Td>
              <Table.Td>{p.reasons.map((r) => pick(r, lang)).join(' / ')}</Table.Td>
              {canDecide && (
                <Table.Td>
                  <Select
                    size="xs"
                    aria-label={t('stageEvaluation.decision.operatorOutcomeFor', { team: teamName(p.team) })}
                    value={overrides[p.team] ?? p.outcome}
                    data={[
                      { value: 'continue', label: t('stageEvaluation.outcome.continue') },
                      { value: 'eliminate', label: t('stageEvaluation.outcome.eliminate') },
                    ]}
                    onChange={(v) => {
                      const next = { ...overrides };
                      if (!v || v === p.outcome) delete next[p.team];
                      else next[p.team] = v as 'continue' | 'eliminate';
                      setOverrides(next);
                    }}
                  />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canDecide && (
        <Stack mt="md">
          <Group align="flex-start">
            <TextInput
              type="date"
              label={t('stageEvaluation.decision.decidedOn')}
              description={t('stageEvaluation.decision.decidedOnHint', { today: formatDate(view.today, lang) })}
              value={decidedOn}
              onChange={(e) => setDecidedOn(e.currentTarget.value)}
              error={issueFor('decidedOn')}
            />
          </Group>
          {past && (
            <Alert color="orange" data-testid="retroactive-warning">
              {t('stageEvaluation.decision.retroactiveWarning', { date: formatDate(decidedOn, lang) })}
            </Alert>
          )}
          {officeDecides && (
            <Stack gap={4} data-testid="redistribution-amounts">
              <Text size="sm" fw={600}>
                {t('stageEvaluation.decision.amountsTitle')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('stageEvaluation.decision.amountsHint')}
              </Text>
              {view.gpuPools.map((pool) => (
                <Group key={pool.key} gap="xs" align="flex-end">
                  {view.teams
                    .filter((x) => (overrides[x.key] ?? view.proposal.items.find((i) => i.team === x.key)?.outcome) === 'continue')
                    .map((x) => (
                      <TextInput
                        key={x.key}
                        w={180}
                        inputMode="numeric"
                        label={t('stageEvaluation.decision.amountFor', { team: pick(x.name, lang) || x.key, pool: pick(pool.name, lang) })}
                        value={amounts[pool.key]?.[x.key] ?? ''}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          setAmounts((a) => ({ ...a, [pool.key]: { ...a[pool.key], [x.key]: v } }));
                        }}
                        error={issueFor(`redistribution.amounts.${pool.key}.${x.key}`)}
                      />
                    ))}
                  {issues
                    .filter((i) => i.field === `redistribution.amounts.${pool.key}`)
                    .map((i) => (
                      <Text key={i.field} size="sm" c="red">
                        {pick(i.message, lang)}
                      </Text>
                    ))}
                </Group>
              ))}
            </Stack>
          )}
          <Textarea
            label={t('stageEvaluation.decision.departureReason')}
            description={t('stageEvaluation.decision.departureHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={issueFor('departureReason')}
          />
          {done && <Alert color="green">{t('stageEvaluation.decision.committed')}</Alert>}
          <Group>
            <ConfirmWithPreview<DecisionPreview | CorrectionPreview>
              testId="confirm-decision"
              label={t('stageEvaluation.decision.preview')}
              title={t('stageEvaluation.decision.confirmTitle')}
              confirmLabel={t('stageEvaluation.decision.confirm')}
              color="red"
              busy={busy}
              error={error}
              loadPreview={doPreview}
              onConfirm={commit}
              reason={past ? { label: t('stageEvaluation.decision.retroactiveReason'), minLength: 10 } : undefined}
              renderPreview={(preview) =>
                isCorrection(preview) ? (
                  <CorrectionDiff preview={preview} teamName={teamName} poolName={poolName} />
                ) : (
                  <Stack gap="xs" data-testid="decision-preview">
                    <Title order={5}>{t('stageEvaluation.decision.previewTitle', { date: formatDate(preview.decidedOn, lang) })}</Title>
                    <List size="sm">
                      {preview.outcomes
                        .filter((o) => o.outcome === 'eliminate')
                        .map((o) => (
                          <List.Item key={o.taskKey}>{t('stageEvaluation.decision.willEliminate', { team: teamName(o.taskKey) })}</List.Item>
                        ))}
                      {Object.entries(preview.enforcement.gpusReturned).map(([pool, gpus]) => (
                        <List.Item key={pool}>
                          {t('stageEvaluation.decision.gpusReturned', {
                            pool: poolName(pool),
                            gpus,
                            before: preview.enforcement.freeBefore[pool],
                            after: preview.enforcement.freeAfter[pool],
                          })}
                        </List.Item>
                      ))}
                      {preview.enforcement.redistribution.map((r) => (
                        <List.Item key={`redistribution-${r.poolKey}`} data-testid="redistribution">
                          {t('stageEvaluation.decision.redistributionTitle', {
                            pool: poolName(r.poolKey),
                            gpus: r.returned,
                            date: formatDate(r.effectiveFrom, lang),
                          })}{' '}
                          {pick(r.explanation, lang)}
                          <List size="sm" withPadding>
                            {r.shares.map((x) => (
                              <List.Item key={x.team}>
                                {t('stageEvaluation.decision.redistributionShare', {
                                  team: teamName(x.team),
                                  gpus: x.gpus,
                                  before: x.before,
                                  after: x.before + x.gpus,
                                })}
                                {(x.limitedBy ?? []).map((l) => (
                                  <Text span key={l.phaseKey}>
                                    {' '}
                                    {t('stageEvaluation.decision.redistributionCapped', {
                                      phase: pick(view.phaseNames?.[l.phaseKey], lang) || l.phaseKey,
                                      gpus: l.gpus,
                                    })}
                                  </Text>
                                ))}
                              </List.Item>
                            ))}
                          </List>
                        </List.Item>
                      ))}
                      {preview.departures.length > 0 && (
                        <List.Item>{t('stageEvaluation.decision.departuresN', { teams: preview.departures.map(teamName).join(', ') })}</List.Item>
                      )}
                      <List.Item data-testid="appeal-window">
                        {t('stageEvaluation.decision.appealWindow', {
                          days: preview.appealDays,
                          at: formatInstant(preview.appealClosesIfPublishedToday, lang),
                        })}
                      </List.Item>
                    </List>
                    {preview.retroactive && (
                      <Alert
                        color="orange"
                        title={t('stageEvaluation.decision.retroactiveTitle', { days: preview.retroactive.daysLate })}
                        data-testid="retroactive-effect"
                      >
                        <List size="sm">
                          {preview.retroactive.allocationsEndingInPast.map((a, i) => (
                            <List.Item key={i}>
                              {t('stageEvaluation.decision.endsInPast', {
                                team: teamName(a.taskKey),
                                pool: a.poolKey,
                                gpus: a.gpus,
                                date: formatDate(a.endedOn, lang),
                              })}
                            </List.Item>
                          ))}
                          <List.Item>
                            {t('stageEvaluation.decision.returnedLate', { gpuDays: preview.retroactive.gpuDaysReturnedLate.toLocaleString(lang) })}
                          </List.Item>
                        </List>
                      </Alert>
                    )}
                    <Text size="sm" fw={600}>
                      {t('stageEvaluation.decision.slurmPlan')}
                    </Text>
                    <Code block data-testid="preview-slurm-plan">
                      {(lang === 'en' ? preview.enforcement.slurmPlan.en : preview.enforcement.slurmPlan.ko).join('\n')}
                    </Code>
                  </Stack>
                )
              }
            />
          </Group>
        </Stack>
      )}
    </Card>
  );
}

/** The difference to the decision in force: who changes outcome, GPUs restored, taken back, ended and handed on from the effective date, a newly eliminated team's own appeal window, the Slurm changes. */
function CorrectionDiff({ preview, teamName, poolName }: { preview: CorrectionPreview; teamName: (key: string) => string; poolName: (key: string) => string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const outcome = (o: 'continue' | 'eliminate') => t(`stageEvaluation.outcome.${o}`);
  return (
    <Stack gap="xs" data-testid="correction-preview">
      <Title order={5}>{t('stageEvaluation.correction.previewTitle', { date: formatDate(preview.effectiveFrom, lang) })}</Title>
      <Text size="sm">{t('stageEvaluation.correction.replaces', { version: preview.replacesVersion })}</Text>
      <List size="sm">
        {preview.changes.length === 0 && <List.Item>{t('stageEvaluation.correction.noChange')}</List.Item>}
        {preview.changes.map((c) => (
          <List.Item key={c.taskKey}>
            {t('stageEvaluation.correction.changed', { team: teamName(c.taskKey), before: outcome(c.before), after: outcome(c.after) })}
          </List.Item>
        ))}
        {preview.restored.map((r, i) => (
          <List.Item key={`r${i}`}>
            {t('stageEvaluation.correction.restored', { team: teamName(r.taskKey), pool: poolName(r.poolKey), gpus: r.gpus, date: formatDate(r.start, lang) })}
          </List.Item>
        ))}
        {preview.takenBack.map((x, i) => (
          <List.Item key={`t${i}`}>
            {t('stageEvaluation.correction.takenBack', { team: teamName(x.taskKey), pool: poolName(x.poolKey), gpus: x.gpus, date: formatDate(x.from, lang) })}
          </List.Item>
        ))}
        {(preview.ended ?? []).map((x, i) => (
          <List.Item key={`e${i}`}>
            {t('stageEvaluation.correction.ended', { team: teamName(x.taskKey), pool: poolName(x.poolKey), gpus: x.gpus, date: formatDate(x.from, lang) })}
          </List.Item>
        ))}
        {(preview.given ?? []).map((x, i) => (
          <List.Item key={`g${i}`}>
            {t('stageEvaluation.correction.given', { team: teamName(x.taskKey), pool: poolName(x.poolKey), gpus: x.gpus, date: formatDate(x.from, lang) })}
          </List.Item>
        ))}
        {(preview.appealWindows ?? []).map((w) => (
          <List.Item key={`w${w.taskKey}`}>
            {t('stageEvaluation.correction.ownAppealWindow', { team: teamName(w.taskKey), at: formatInstant(w.closesAt, lang) })}
          </List.Item>
        ))}
      </List>
      <Text size="sm" fw={600}>
        {t('stageEvaluation.decision.slurmPlan')}
      </Text>
      <Code block data-testid="preview-slurm-plan">
        {(lang === 'en' ? preview.slurmPlan.en : preview.slurmPlan.ko).join('\n')}
      </Code>
    </Stack>
  );
}
