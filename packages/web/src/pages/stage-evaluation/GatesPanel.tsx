import { Alert, Anchor, Badge, Button, Card, Group, Radio, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant, pick } from '../../format/time';
import { stageEvaluationsContract as c, type EvaluationView } from './api';
import { pathOf } from '../../api/contract-client';
import { useMutationCall } from '../../api/use-mutation-call';

function RulingForm({ view, team, gate }: { view: EvaluationView; team: string; gate: string }) {
  const { t, i18n } = useTranslation();
  const teamName = pick(view.teams.find((x) => x.key === team)?.name, i18n.language);
  const { send, error, busy, issueFor } = useMutationCall();
  const [passed, setPassed] = useState<string>('');
  const [reason, setReason] = useState('');
  const submit = async () => {
    await send('PUT', pathOf(c.ruling, { params: { id: view.evaluation.id, team, gate } }), {
      passed: passed === 'pass',
      reason: { ko: reason },
      mode: 'commit',
    });
  };
  return (
    <Stack gap="xs" mt="xs">
      <Radio.Group label={t('stageEvaluation.gates.ruling')} value={passed} onChange={setPassed}>
        <Group>
          <Radio value="pass" label={t('stageEvaluation.gate.passed')} aria-label={`${teamName} ${t('stageEvaluation.gate.passed')}`} />
          <Radio value="fail" label={t('stageEvaluation.gate.failed')} aria-label={`${teamName} ${t('stageEvaluation.gate.failed')}`} />
        </Group>
      </Radio.Group>
      <Textarea
        label={t('stageEvaluation.gates.reason')}
        aria-label={`${teamName} ${t('stageEvaluation.gates.reason')}`}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={issueFor('reason')}
      />
      {error && !issueFor('reason') && <Alert color="red">{error}</Alert>}
      <Button w="fit-content" onClick={submit} disabled={!passed} loading={busy}>
        {t('stageEvaluation.gates.saveRuling')}
      </Button>
    </Stack>
  );
}

/** Each team's declaration and evidence for each gate, and the panel's ruling with reasons. */
export function GatesPanel({ view, canRule }: { view: EvaluationView; canRule: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (view.scheme.gates.length === 0) return <Text c="dimmed">{t('stageEvaluation.gates.none')}</Text>;
  return (
    <Stack>
      {view.scheme.gates.map((g) =>
        view.teams.map((team) => {
          const row = view.inputs.gates.find((x) => x.team === team.key && x.gate === g.key);
          const reports = view.inputs.provenanceReports.filter((p) => p.team === team.key && p.gateKey === g.key);
          const status = row?.passed === true ? 'passed' : row?.passed === false ? 'failed' : 'pending';
          return (
            <Card withBorder key={`${g.key}/${team.key}`} data-testid={`gate-${team.key}-${g.key}`}>
              <Group justify="space-between">
                <Title order={5}>
                  {pick(team.name, lang)} — {pick(g.name, lang)}
                </Title>
                <Badge data-testid="gate-status" color={status === 'failed' ? 'red' : status === 'passed' ? 'teal' : 'gray'}>
                  {t(`stageEvaluation.gate.${status}`)}
                </Badge>
              </Group>
              {row?.declaration ? (
                <>
                  <Text size="sm" mt="xs">
                    {row.declaration.statement}
                  </Text>
                  <Group gap="xs" mt={4}>
                    {Object.entries(row.declaration.items).map(([k, v]) => (
                      <Badge key={k} variant="outline" color={v ? 'teal' : 'red'}>
                        {t(`stageEvaluation.gates.item.${k}`, { defaultValue: k })}:{' '}
                        {v ? t('stageEvaluation.gates.inHouse') : t('stageEvaluation.gates.notInHouse')}
                      </Badge>
                    ))}
                  </Group>
                  {row.evidence.map((e) => (
                    <Anchor key={e.url} href={e.url} size="sm" target="_blank" display="block">
                      {e.label}
                    </Anchor>
                  ))}
                </>
              ) : (
                <Text size="sm" c="dimmed" mt="xs">
                  {t('stageEvaluation.gates.noDeclaration')}
                </Text>
              )}
              {reports.length > 0 && (
                <Table mt="xs" withTableBorder data-testid="gate-evidence">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('stageEvaluation.gates.evidence.report')}</Table.Th>
                      <Table.Th>{t('stageEvaluation.gates.evidence.verdict')}</Table.Th>
                      <Table.Th>{t('stageEvaluation.gates.evidence.note')}</Table.Th>
                      <Table.Th>{t('stageEvaluation.gates.evidence.attachedAt')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {reports.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>
                          {r.reportUrl ? (
                            <Anchor href={`${r.reportUrl}?lang=${lang.startsWith('en') ? 'en' : 'ko'}`} target="_blank" size="sm">
                              {r.label ?? r.candidatePath}
                            </Anchor>
                          ) : (
                            <Text size="sm">
                              {r.label ?? r.candidatePath}{' '}
                              <Text span size="xs" c="dimmed">
                                ({t('stageEvaluation.gates.evidence.notReady')})
                              </Text>
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={r.verdict === 'likely_shared' ? 'red' : r.verdict === 'independent' ? 'teal' : 'gray'}>
                            {r.verdict ? t(`stageEvaluation.gates.evidence.verdicts.${r.verdict}`, { defaultValue: r.verdict }) : '—'}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{r.note ?? '—'}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatInstant(r.attachedAt, lang)}</Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {row?.reason && (
                <Text size="sm" mt="xs">
                  {t('stageEvaluation.gates.reason')}: {pick(row.reason, lang)}
                </Text>
              )}
              {canRule && view.evaluation.status === 'open' && <RulingForm view={view} team={team.key} gate={g.key} />}
            </Card>
          );
        }),
      )}
    </Stack>
  );
}
