import { Badge, Button, Card, Group, Radio, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StageComponent } from '../../api/types';
import { pathOf } from '../../api/contract-client';
import { useMutationCall } from '../../api/use-mutation-call';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { formatDate, pick } from '../../format/time';
import { stageEvaluationsContract as c, type EvaluationView } from './api';

type Finding = 'met' | 'unmet' | 'unchecked';
interface GoalRow {
  goal: string;
  finding: Finding;
  evidence: string;
}

const leaves = (cs: StageComponent[]): StageComponent[] => cs.flatMap((x) => (x.children?.length ? leaves(x.children) : [x]));
const findingOf = (met: boolean | null): Finding => (met === true ? 'met' : met === false ? 'unmet' : 'unchecked');
const metOf = (f: Finding): boolean | null => (f === 'met' ? true : f === 'unmet' ? false : null);

/** The goals the check starts from: those already checked, else those the team declared in its proposal. */
function startingRows(view: EvaluationView, team: string, component: string, lang: string): GoalRow[] {
  const stored = view.inputs.goals.filter((g) => g.team === team && g.component === component).sort((a, b) => a.position - b.position);
  if (stored.length) return stored.map((g) => ({ goal: g.goal, finding: findingOf(g.met), evidence: g.evidence ?? '' }));
  return view.inputs.declaredGoals
    .filter((g) => g.team === team)
    .map((g) => ({
      goal: [g.metric, g.target, g.dueDate ? `(${formatDate(g.dueDate, lang)})` : ''].filter(Boolean).join(' '),
      finding: 'unchecked' as const,
      evidence: '',
    }));
}

/** One team's stage goals, checked goal by goal (met or not, each finding with its evidence), previewed then saved. */
function TeamGoals({ view, team, component, editable }: { view: EvaluationView; team: string; component: StageComponent; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const teamName = pick(view.teams.find((x) => x.key === team)?.name, lang);
  const [rows, setRows] = useState<GoalRow[]>(() => startingRows(view, team, component.key, lang));
  const m = useMutationCall();
  const set = (i: number, patch: Partial<GoalRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const body = (mode: 'preview' | 'commit') => ({
    component: component.key,
    goals: rows.map((r) => ({ goal: r.goal, met: metOf(r.finding), evidence: r.evidence.trim() || undefined })),
    mode,
  });
  const url = pathOf(c.goals, { params: { id: view.evaluation.id, team } });

  return (
    <Card withBorder data-testid={`goals-${team}`}>
      <Title order={5}>{t('stageEvaluation.goals.teamTitle', { team: teamName, component: pick(component.name, lang) })}</Title>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('stageEvaluation.goals.noneDeclared')}
        </Text>
      )}
      <Stack gap="sm" mt="xs">
        {rows.map((r, i) => {
          const n = i + 1;
          return (
            <Stack key={i} gap={4} data-testid={`goal-${team}-${n}`}>
              <TextInput
                label={t('stageEvaluation.goals.goal', { n })}
                value={r.goal}
                readOnly={!editable}
                onChange={(e) => set(i, { goal: e.currentTarget.value })}
                error={m.issueFor(`goals.${i}.goal`)}
              />
              <Radio.Group aria-label={t('stageEvaluation.goals.finding', { n })} value={r.finding} onChange={(v) => set(i, { finding: v as Finding })}>
                <Group>
                  <Radio value="met" disabled={!editable} label={t('stageEvaluation.goals.met')} aria-label={t('stageEvaluation.goals.metN', { n })} />
                  <Radio value="unmet" disabled={!editable} label={t('stageEvaluation.goals.unmet')} aria-label={t('stageEvaluation.goals.unmetN', { n })} />
                  <Radio
                    value="unchecked"
                    disabled={!editable}
                    label={t('stageEvaluation.goals.unchecked')}
                    aria-label={t('stageEvaluation.goals.uncheckedN', { n })}
                  />
                </Group>
              </Radio.Group>
              <Textarea
                label={t('stageEvaluation.goals.evidence', { n })}
                value={r.evidence}
                readOnly={!editable}
                rows={2}
                onChange={(e) => set(i, { evidence: e.currentTarget.value })}
                error={m.issueFor(`goals.${i}.evidence`)}
              />
            </Stack>
          );
        })}
      </Stack>
      {editable && (
        <Group mt="sm">
          <Button variant="subtle" onClick={() => setRows([...rows, { goal: '', finding: 'unchecked', evidence: '' }])}>
            {t('stageEvaluation.goals.add')}
          </Button>
          <ConfirmWithPreview<{ met: number; declared: number }>
            label={t('stageEvaluation.goals.preview')}
            title={t('stageEvaluation.goals.dialogTitle', { team: teamName })}
            color="blue"
            testId={`goals-save-${team}`}
            disabled={rows.length === 0}
            error={m.error}
            loadPreview={() => m.send('PUT', url, body('preview'))}
            renderPreview={(p) => (
              <Stack gap="xs">
                <Text size="sm" data-testid="goals-summary">
                  {t('stageEvaluation.goals.summary', { declared: p.declared, met: p.met })}
                </Text>
                <Table data-testid="goals-preview">
                  <Table.Tbody>
                    {rows.map((r, i) => (
                      <Table.Tr key={i}>
                        <Table.Td>{r.goal}</Table.Td>
                        <Table.Td w={1} style={{ whiteSpace: 'nowrap' }}>
                          <Badge color={r.finding === 'met' ? 'green' : r.finding === 'unmet' ? 'red' : 'gray'} variant="light">
                            {t(`stageEvaluation.goals.${r.finding}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{r.evidence}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            )}
            confirmLabel={t('stageEvaluation.goals.confirm')}
            onConfirm={async () => (await m.send('PUT', url, body('commit'))) !== null}
          />
        </Group>
      )}
    </Card>
  );
}

const goalComponents = (view: EvaluationView) => leaves(view.scheme.components).filter((x) => x.kind === 'stageGoals');

/** Whether the evaluation's scheme checks stage goals at all (K-AI's does not). */
export const hasStageGoals = (view: EvaluationView) => goalComponents(view).length > 0;

/** The stage-goal check of every team of the evaluation, per stage-goals component of its scheme. */
export function StageGoalsPanel({ view, canCheck }: { view: EvaluationView; canCheck: boolean }) {
  const { t } = useTranslation();
  const components = goalComponents(view);
  if (components.length === 0) return null;
  const editable = canCheck && view.evaluation.status !== 'decided' && view.evaluation.status !== 'published';
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('stageEvaluation.goals.intro')}
      </Text>
      {components.flatMap((component) =>
        view.teams.map((team) => <TeamGoals key={`${component.key}/${team.key}`} view={view} team={team.key} component={component} editable={editable} />),
      )}
    </Stack>
  );
}
