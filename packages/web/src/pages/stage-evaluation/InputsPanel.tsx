import { Alert, Badge, Button, Card, Group, NumberInput, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../format/time';
import type { StageComponent } from '../../api/types';
import { stageEvaluationsContract as c, type EvaluationView, type MeasurementChanges } from './api';
import { pathOf } from '../../api/contract-client';
import { useMutationCall } from '../../api/use-mutation-call';
import { PullPanel } from './PullPanel';

const leaves = (cs: StageComponent[]): StageComponent[] => cs.flatMap((c) => (c.children?.length ? leaves(c.children) : [c]));

/** Measurements per team and component (entered, imported, or from the panel), CSV import and panel scores. */
export function InputsPanel({ view, canMeasure, canScore }: { view: EvaluationView; canMeasure: boolean; canScore: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const open = view.evaluation.status === 'open';
  const components = leaves(view.scheme.components);
  const csvSend = useMutationCall();
  const scoreSend = useMutationCall();
  const [csv, setCsv] = useState('team,component,value,note\n');
  const [csvPreview, setCsvPreview] = useState<{ changes: { team: string; component: string; before: number | null; after: number }[] } | null>(null);
  const [committed, setCommitted] = useState<string | null>(null);
  const [score, setScore] = useState<{ team: string | null; component: string | null; expert: string; score: number | string }>({
    team: null,
    component: components.find((c) => c.kind === 'expertPanel')?.key ?? null,
    expert: '',
    score: '',
  });

  const cell = (team: string, c: StageComponent) => {
    if (c.kind === 'expertPanel') {
      const scores = view.inputs.expertScores.filter((s) => s.team === team && s.component === c.key);
      if (scores.length) {
        const r = view.results.find((x) => x.team === team);
        const measured = findMeasured(r?.components ?? [], c.key);
        return (
          <span title={scores.map((s) => `${s.expert}: ${s.score}`).join(', ')}>
            {measured?.toFixed(2)}{' '}
            <Text span size="xs" c="dimmed">
              ({t('stageEvaluation.inputs.panelN', { n: scores.length })})
            </Text>
          </span>
        );
      }
    }
    if (c.kind === 'stageGoals') {
      const goals = view.inputs.goals.filter((g) => g.team === team && g.component === c.key);
      return goals.length ? (
        `${goals.filter((g) => g.met).length}/${goals.length}`
      ) : (
        <Badge color="gray" variant="light">
          {t('stageEvaluation.inputs.missing')}
        </Badge>
      );
    }
    const m = view.inputs.measurements.find((x) => x.team === team && x.component === c.key);
    return m ? (
      <span title={[m.source, m.sourceRef, m.note].filter(Boolean).join(' · ')}>{Number(m.value.toFixed(4))}</span>
    ) : (
      <Badge color="orange" variant="light">
        {t('stageEvaluation.inputs.missing')}
      </Badge>
    );
  };

  const importCsv = async (mode: 'preview' | 'commit') => {
    setCommitted(null);
    const res = await csvSend.send<MeasurementChanges>('POST', pathOf(c.importMeasurements, { params: { id: view.evaluation.id } }), {
      csv,
      fileName: 'browser-import.csv',
      mode,
    });
    if (!res) return;
    if (mode === 'preview') setCsvPreview(res);
    else {
      setCsvPreview(null);
      setCommitted(t('stageEvaluation.inputs.imported', { n: res.changes.length }));
    }
  };

  const saveScore = async () => {
    const res = await scoreSend.send('PUT', pathOf(c.expertScores, { params: { id: view.evaluation.id } }), {
      entries: [{ team: score.team ?? '', component: score.component ?? '', expert: score.expert, score: Number(score.score) }],
      mode: 'commit',
    });
    if (res) setScore({ ...score, expert: '', score: '' });
  };

  return (
    <Stack>
      <Card withBorder>
        <Title order={4}>{t('stageEvaluation.inputs.title')}</Title>
        <Table mt="sm" withTableBorder data-testid="inputs-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stageEvaluation.team')}</Table.Th>
              {components.map((c) => (
                <Table.Th key={c.key}>
                  {pick(c.name, lang)}
                  <Text size="xs" c="dimmed">
                    {t(`stageEvaluation.kind.${c.kind}`)}
                  </Text>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.teams.map((team) => (
              <Table.Tr key={team.key}>
                <Table.Td>
                  {pick(team.name, lang)}{' '}
                  <Text span size="xs" c="dimmed">
                    {team.key}
                  </Text>
                </Table.Td>
                {components.map((c) => (
                  <Table.Td key={c.key}>{cell(team.key, c)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {view.issues.length > 0 && (
          <Alert color="orange" mt="sm" data-testid="input-issues" title={t('stageEvaluation.inputs.issues')}>
            {view.issues.map((i) => (
              <Text key={i.field} size="sm">
                {pick(i.message, lang)}
              </Text>
            ))}
          </Alert>
        )}
      </Card>
      {open && canMeasure && <PullPanel view={view} />}
      {open && canMeasure && (
        <Card withBorder>
          <Title order={4}>{t('stageEvaluation.inputs.importTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('stageEvaluation.inputs.importHint')}
          </Text>
          <Textarea
            mt="xs"
            label={t('stageEvaluation.inputs.csv')}
            autosize
            minRows={4}
            ff="monospace"
            value={csv}
            onChange={(e) => (setCsv(e.currentTarget.value), setCsvPreview(null))}
            error={csvSend.issueFor('csv')}
          />
          {csvSend.error && (
            <Alert color="red" mt="xs">
              {csvSend.error}
            </Alert>
          )}
          {csvPreview && (
            <Table mt="xs" data-testid="import-preview">
              <Table.Tbody>
                {csvPreview.changes.length === 0 && (
                  <Table.Tr>
                    <Table.Td>{t('stageEvaluation.inputs.noChanges')}</Table.Td>
                  </Table.Tr>
                )}
                {csvPreview.changes.map((c) => (
                  <Table.Tr key={`${c.team}/${c.component}`}>
                    <Table.Td>{c.team}</Table.Td>
                    <Table.Td>{c.component}</Table.Td>
                    <Table.Td>
                      {c.before ?? '—'} → {c.after}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {committed && (
            <Alert color="green" mt="xs">
              {committed}
            </Alert>
          )}
          <Group mt="sm">
            <Button variant="default" onClick={() => importCsv('preview')} loading={csvSend.busy}>
              {t('stageEvaluation.inputs.previewImport')}
            </Button>
            <Button onClick={() => importCsv('commit')} disabled={!csvPreview} loading={csvSend.busy}>
              {t('stageEvaluation.inputs.commitImport')}
            </Button>
          </Group>
        </Card>
      )}
      {open && canScore && (
        <Card withBorder>
          <Title order={4}>{t('stageEvaluation.inputs.scoreTitle')}</Title>
          <Group mt="xs" align="flex-start">
            <Select
              label={t('stageEvaluation.team')}
              data={view.teams.map((x) => ({ value: x.key, label: pick(x.name, lang) }))}
              value={score.team}
              onChange={(v) => setScore({ ...score, team: v })}
              error={scoreSend.issueFor('entries.0.team')}
            />
            <Select
              label={t('stageEvaluation.inputs.component')}
              data={components.filter((c) => c.kind === 'expertPanel').map((c) => ({ value: c.key, label: pick(c.name, lang) }))}
              value={score.component}
              onChange={(v) => setScore({ ...score, component: v })}
              error={scoreSend.issueFor('entries.0.component')}
            />
            <TextInput
              label={t('stageEvaluation.inputs.expert')}
              value={score.expert}
              onChange={(e) => setScore({ ...score, expert: e.currentTarget.value })}
              error={scoreSend.issueFor('entries.0.expert')}
            />
            <NumberInput
              label={t('stageEvaluation.inputs.score')}
              value={score.score}
              onChange={(v) => setScore({ ...score, score: v })}
              error={scoreSend.issueFor('entries.0.score')}
            />
          </Group>
          <Button mt="sm" onClick={saveScore} loading={scoreSend.busy} w="fit-content">
            {t('stageEvaluation.inputs.saveScore')}
          </Button>
        </Card>
      )}
    </Stack>
  );
}

function findMeasured(cs: { key: string; measured?: number; children?: unknown[] }[], key: string): number | undefined {
  for (const c of cs) {
    if (c.key === key) return c.measured;
    const inner = c.children ? findMeasured(c.children as typeof cs, key) : undefined;
    if (inner !== undefined) return inner;
  }
  return undefined;
}
