import { Alert, Badge, Button, Card, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../format/time';
import type { LocalizedText } from '../../api/types';
import { stageEvaluationsContract as c, type BenchmarkPull, type EvaluationView, type UserEvaluationPull } from './api';
import { pathOf } from '../../api/contract-client';
import { useMutationCall } from '../../api/use-mutation-call';

type Change = BenchmarkPull['changes'][number];
type Skipped = UserEvaluationPull['skipped'][number];

type Source = 'benchmarks' | 'user-evaluation';

/** One line per team and reason, naming its components (a team without any comparison skips them all for one reason). */
function groupSkipped(list: Skipped[]): { team: string | null; reason: LocalizedText; components: string[] }[] {
  const out: { team: string | null; reason: LocalizedText; components: string[] }[] = [];
  for (const s of list) {
    const same = out.find((o) => o.team === s.team && o.reason.en === s.reason.en);
    if (same) same.components.push(s.component);
    else out.push({ team: s.team, reason: s.reason, components: [s.component] });
  }
  return out;
}
const round = (v: number) => Number(v.toFixed(4));

/** One pull: preview what the linked service holds against the entered values, then save it (audited). */
function PullSource<P extends BenchmarkPull | UserEvaluationPull>({
  view,
  source,
  detail,
}: {
  view: EvaluationView;
  source: Source;
  detail: (p: P, c: Change) => string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { send, error, busy } = useMutationCall();
  const [preview, setPreview] = useState<P | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // ratings that replace Likert means need the operator to name the conversion that applies
  const [conversionNamed, setConversionNamed] = useState(false);
  const replacing = preview && 'replacesLikert' in preview ? preview.replacesLikert : [];
  const teamName = (key: string | null) => (key ? pick(view.teams.find((x) => x.key === key)?.name, lang) || key : '—');
  const run = async (mode: 'preview' | 'commit') => {
    setSaved(null);
    const conversion = mode === 'commit' && conversionNamed && preview && 'conversion' in preview ? preview.conversion.kind : undefined;
    const res = await send<P>('POST', pathOf(source === 'benchmarks' ? c.pullBenchmarks : c.pullUserEvaluation, { params: { id: view.evaluation.id } }), {
      mode,
      ...(conversion ? { conversion } : {}),
    });
    if (!res) return;
    setConversionNamed(false);
    if (mode === 'preview') setPreview(res);
    else {
      setPreview(null);
      setSaved(t('stageEvaluation.pull.saved', { n: res.changes.length }));
    }
  };
  return (
    <Stack gap="xs" data-testid={`pull-${source}`}>
      <Title order={5}>{t(`stageEvaluation.pull.${source}.title`)}</Title>
      <Text size="sm" c="dimmed">
        {t(`stageEvaluation.pull.${source}.hint`)}
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      {preview && (
        <>
          {'conversionWarning' in preview && preview.conversionWarning && (
            <Alert color="yellow" data-testid="pull-warning">
              {pick(preview.conversionWarning, lang)}
            </Alert>
          )}
          {replacing.length > 0 && 'conversion' in preview && (
            <Alert color="orange" data-testid="pull-replaces-likert" title={t('stageEvaluation.pull.replacesLikert.title')}>
              <Text size="sm">
                {t('stageEvaluation.pull.replacesLikert.body', {
                  teams: replacing.map((r) => `${teamName(r.team)} (${round(r.likertMean)} → ${round(r.arenaValue)})`).join(', '),
                })}
              </Text>
              <Text size="sm" mt={4}>
                {t('stageEvaluation.pull.replacesLikert.conversion', { conversion: pick(preview.conversion.description, lang) })}
              </Text>
              <Checkbox
                mt="xs"
                label={t('stageEvaluation.pull.replacesLikert.confirm', { conversion: pick(preview.conversion.description, lang) })}
                checked={conversionNamed}
                onChange={(e) => setConversionNamed(e.currentTarget.checked)}
              />
            </Alert>
          )}
          <Table withTableBorder data-testid={`pull-${source}-preview`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stageEvaluation.team')}</Table.Th>
                <Table.Th>{t('stageEvaluation.inputs.component')}</Table.Th>
                <Table.Th>{t('stageEvaluation.pull.change')}</Table.Th>
                <Table.Th>{t('stageEvaluation.pull.from')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.changes.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>{t('stageEvaluation.inputs.noChanges')}</Table.Td>
                </Table.Tr>
              )}
              {preview.changes.map((c) => (
                <Table.Tr key={`${c.team}/${c.component}`}>
                  <Table.Td>{teamName(c.team)}</Table.Td>
                  <Table.Td>{c.component}</Table.Td>
                  <Table.Td>
                    {c.before === null ? '—' : round(c.before)} → <b>{round(c.after)}</b>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{detail(preview, c)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {preview.skipped.length > 0 && (
            <Stack gap={2} data-testid={`pull-${source}-skipped`}>
              <Text size="sm" fw={500}>
                {t('stageEvaluation.pull.skipped')}
              </Text>
              {groupSkipped(preview.skipped).map((s) => (
                <Text key={`${s.team}/${s.reason.en}`} size="xs" c="dimmed">
                  {teamName(s.team)} · {s.components.join(', ')}: {pick(s.reason, lang)}
                </Text>
              ))}
            </Stack>
          )}
        </>
      )}
      {saved && <Alert color="green">{saved}</Alert>}
      <Group>
        <Button variant="default" onClick={() => run('preview')} loading={busy}>
          {t(`stageEvaluation.pull.${source}.preview`)}
        </Button>
        <Button onClick={() => run('commit')} disabled={!preview || preview.changes.length === 0 || (replacing.length > 0 && !conversionNamed)} loading={busy}>
          {t('stageEvaluation.pull.commit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Inputs pulled from the services beside the evaluation: stored benchmark comparisons and the stage's arena. */
export function PullPanel({ view }: { view: EvaluationView }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Title order={4}>{t('stageEvaluation.pull.title')}</Title>
        <Badge variant="light">{t('stageEvaluation.pull.audited')}</Badge>
      </Group>
      <Stack mt="sm" gap="lg">
        <PullSource<BenchmarkPull>
          view={view}
          source="benchmarks"
          detail={(p, c) => {
            const x = p.pulled.find((y) => y.team === c.team && y.component === c.component);
            return x
              ? t('stageEvaluation.pull.benchmarks.detail', {
                  suite: p.suite,
                  category: x.category,
                  n: x.benchmarks.length,
                  verdict: t(`stageEvaluation.pull.verdict.${x.verdict}`),
                  file: x.runFile,
                })
              : '';
          }}
        />
        <PullSource<UserEvaluationPull>
          view={view}
          source="user-evaluation"
          detail={(p, c) => {
            const x = p.pulled.find((y) => y.team === c.team && y.component === c.component);
            return x
              ? t('stageEvaluation.pull.user-evaluation.detail', {
                  kind: t(`stageEvaluation.pull.kind.${x.kind}`),
                  arena: x.arenaPoints.toFixed(1),
                  stage: x.stagePoints.toFixed(1),
                })
              : '';
          }}
        />
      </Stack>
    </Card>
  );
}
