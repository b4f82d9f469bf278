import { Alert, Group, List, MultiSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { LocalizedText } from '../../api/types';
import { usePrograms, useProgram } from '../../api/programs';
import { useMutationCall } from '../../api/use-mutation-call';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { QueryState } from '../../components/QueryState';
import { pick } from '../../format/time';
import { useStageEvaluations } from '../stage-evaluation/api';
import { useOverview } from '../allocations/api';
import { AccountPicker, type PickedAccount } from './AccountPicker';
import { SchemeTable } from './SchemeTable';

interface OpenPreview {
  teams: { id: string; key: string; name: LocalizedText }[];
}

/**
 * The office opens a stage evaluation: program and phase (by name), the period, the program's
 * scheme shown as it will be frozen, and the expert panel picked from reviewer accounts. One
 * preview shows the teams and the panel; the commit opens the evaluation, then seats the panel.
 */
export function StageEvaluationNewPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const programs = usePrograms();
  const existing = useStageEvaluations();
  const [slug, setSlug] = useState<string | null>(null);
  const [phaseKey, setPhaseKey] = useState<string | null>(null);
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [panel, setPanel] = useState<(PickedAccount & { label: string })[]>([]);
  // none picked: every active task of the program; a cohort (an additional call's team) may be evaluated on its own
  const [teams, setTeams] = useState<string[]>([]);
  const program = useProgram(slug ?? '');
  const tasks = useOverview(slug ?? '', !!slug);
  const activeTasks = slug && tasks.data?.program.slug === slug ? tasks.data.tasks.filter((x) => x.status === 'active') : [];
  const m = useMutationCall();
  const seats = useMutationCall();
  const definition = slug && program.data?.slug === slug ? program.data.definition : null;
  const taken = new Set((existing.data ?? []).filter((e) => e.program === slug).map((e) => e.stageKey));
  const phases = definition?.phases ?? [];

  // the period defaults to the phase's own dates; the office may narrow it
  useEffect(() => {
    const phase = phases.find((p) => p.key === phaseKey);
    if (phase) {
      setPeriodStart(phase.start);
      setPeriodEnd(phase.end);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phaseKey, slug]);

  if (!programs.data) return <QueryState isLoading={programs.isLoading} error={programs.error} />;
  const body = (mode: 'preview' | 'commit') => ({ program: slug, stageKey: phaseKey, periodStart, periodEnd, teams: teams.length ? teams : undefined, mode });
  const labelMissing = panel.some((p) => !p.label.trim());
  const error = m.error ?? seats.error;

  return (
    <Stack maw={1000}>
      <Title order={2}>{t('evaluationSetup.stage.title')}</Title>
      <Text>{t('evaluationSetup.stage.intro')}</Text>
      <Group grow align="flex-start">
        <Select
          label={t('evaluationSetup.program')}
          placeholder={t('evaluationSetup.pickProgram')}
          data={programs.data.map((p) => ({ value: p.slug, label: pick(p.name, lang) }))}
          value={slug}
          onChange={(v) => {
            setSlug(v);
            setPhaseKey(null);
            setTeams([]);
            m.clear();
          }}
          error={m.issueFor('program')}
          data-testid="stage-program"
        />
        <Select
          label={t('evaluationSetup.phase')}
          disabled={!definition}
          data={phases.map((p) => ({
            value: p.key,
            label: taken.has(p.key) ? t('evaluationSetup.phaseTaken', { name: pick(p.name, lang) }) : pick(p.name, lang),
            disabled: taken.has(p.key),
          }))}
          value={phaseKey}
          onChange={setPhaseKey}
          error={m.issueFor('stageKey', 'nextPhaseKey')}
          data-testid="stage-phase"
        />
      </Group>
      {definition && phases.every((p) => taken.has(p.key)) && <Alert color="yellow">{t('evaluationSetup.stage.allTaken')}</Alert>}
      {definition && (
        <MultiSelect
          label={t('evaluationSetup.stage.teamsPick')}
          description={t('evaluationSetup.stage.teamsPickHint')}
          placeholder={teams.length ? undefined : t('evaluationSetup.stage.teamsAll')}
          data={activeTasks.map((x) => ({ value: x.key, label: `${x.key} · ${pick(x.name, lang)}` }))}
          value={teams}
          onChange={setTeams}
          searchable
          error={m.issueFor('teams')}
          data-testid="stage-teams"
        />
      )}
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t('evaluationSetup.periodStart')}
          value={periodStart}
          onChange={(e) => setPeriodStart(e.currentTarget.value)}
          error={m.issueFor('periodStart')}
          data-testid="stage-start"
        />
        <TextInput
          type="date"
          label={t('evaluationSetup.periodEnd')}
          value={periodEnd}
          onChange={(e) => setPeriodEnd(e.currentTarget.value)}
          error={m.issueFor('periodEnd')}
          data-testid="stage-end"
        />
      </Group>
      {definition && (
        <>
          <Title order={3}>{t('evaluationSetup.stage.scheme')}</Title>
          <SchemeTable scheme={definition.stageEvaluation} phases={phases} />
        </>
      )}
      <Title order={3}>{t('evaluationSetup.stage.panel')}</Title>
      <Text size="sm" c="dimmed">
        {t('evaluationSetup.stage.panelHint')}
      </Text>
      <AccountPicker
        role="reviewer"
        testId="stage-panel"
        picked={panel}
        onChange={(next) => setPanel(next.map((a) => ({ ...a, label: panel.find((p) => p.email === a.email)?.label ?? a.name })))}
      />
      {panel.length > 0 && (
        <Table withTableBorder data-testid="stage-panel-labels">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('evaluationSetup.account')}</Table.Th>
              <Table.Th>{t('evaluationSetup.stage.label')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {panel.map((p, i) => (
              <Table.Tr key={p.email}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('evaluationSetup.stage.label')}
                    value={p.label}
                    maxLength={80}
                    onChange={(e) => {
                      const label = e.currentTarget.value;
                      setPanel(panel.map((x, j) => (j === i ? { ...x, label } : x)));
                    }}
                    error={!p.label.trim() ? t('evaluationSetup.stage.labelRequired') : seats.issueFor(`seats.${i}.label`, `seats.${i}.email`)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        <ConfirmWithPreview<OpenPreview>
          label={t('evaluationSetup.stage.preview')}
          title={t('evaluationSetup.stage.dialogTitle')}
          color="blue"
          testId="stage-create"
          disabled={!slug || !phaseKey || labelMissing}
          error={error}
          loadPreview={() => m.send<OpenPreview>('POST', '/api/v1/stage-evaluations', body('preview'))}
          renderPreview={(p) => (
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                {t('evaluationSetup.stage.teams', { n: p.teams.length })}
              </Text>
              <List size="sm" data-testid="stage-preview-teams">
                {p.teams.map((team) => (
                  <List.Item key={team.id}>{pick(team.name, lang)}</List.Item>
                ))}
              </List>
              <Text size="sm" fw={600}>
                {panel.length ? t('evaluationSetup.stage.panelCount', { n: panel.length }) : t('evaluationSetup.stage.noPanel')}
              </Text>
              <List size="sm" data-testid="stage-preview-panel">
                {panel.map((a) => (
                  <List.Item key={a.email}>{a.label === a.name ? a.name : `${a.label} · ${a.name}`}</List.Item>
                ))}
              </List>
            </Stack>
          )}
          confirmLabel={t('evaluationSetup.stage.confirm')}
          onConfirm={async () => {
            const opened = await m.send<{ id: string }>('POST', '/api/v1/stage-evaluations', body('commit'));
            if (!opened) return false;
            // the evaluation exists whether or not the seating went through: its page shows the panel to fix
            if (panel.length)
              await seats.send('PUT', `/api/v1/stage-evaluations/${opened.id}/experts`, {
                seats: panel.map((p) => ({ email: p.email, label: p.label.trim() })),
                mode: 'commit',
              });
            void navigate(`/stage-evaluations/${opened.id}`);
            return true;
          }}
        />
      </Group>
    </Stack>
  );
}
