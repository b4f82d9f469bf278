import { Alert, Group, List, NumberInput, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { arenaContract } from '@stagegate/core/contract/arena';
import { modelEndpointsContract } from '@stagegate/core/contract/model-endpoints';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { call } from '../../api/contract-client';
import type { StageComponent } from '../../api/types';
import { usePrograms, useProgram } from '../../api/programs';
import { useMutationCall } from '../../api/use-mutation-call';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { QueryState } from '../../components/QueryState';
import { pick } from '../../format/time';
import { AccountPicker, type PickedAccount } from './AccountPicker';
import { RegisterModelEndpoint } from './RegisterModelEndpoint';

type ArenaPreview = ResponseOf<typeof arenaContract.create>;

const userEvaluationComponents = (components: readonly StageComponent[]): StageComponent[] =>
  components.flatMap((c) => [...(c.kind === 'userEvaluation' ? [c] : []), ...userEvaluationComponents(c.children ?? [])]);

const wholeIn = (v: number | string, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/**
 * The office sets up a stage's user evaluation: the component of the scheme it scores, blind
 * battles or Likert forms, the cap per evaluator, and who votes; the models are the teams'
 * registered endpoints, whose answers the arena's own page fetches once it exists.
 */
export function ArenaNewPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const programs = usePrograms();
  const [slug, setSlug] = useState<string | null>(null);
  const [phaseKey, setPhaseKey] = useState<string | null>(null);
  const [componentKey, setComponentKey] = useState<string | null>(null);
  const [kind, setKind] = useState<'pairwise' | 'likert'>('pairwise');
  const [criteria, setCriteria] = useState('');
  const [cap, setCap] = useState<number | string>(50);
  const [bootstrap, setBootstrap] = useState<number | string>(200);
  const [evaluators, setEvaluators] = useState<PickedAccount[]>([]);
  const program = useProgram(slug ?? '');
  const endpoints = useQuery({
    queryKey: ['model-endpoints', slug],
    enabled: !!slug,
    queryFn: () => call(modelEndpointsContract.list, { params: { slug: slug! } }).then((r) => r.endpoints),
  });
  const arenas = useQuery({ queryKey: ['arenas'], queryFn: () => call(arenaContract.list).then((r) => r.arenas) });
  const m = useMutationCall();
  const definition = slug && program.data?.slug === slug ? program.data.definition : null;
  const components = definition ? userEvaluationComponents(definition.stageEvaluation.components) : [];
  const component = componentKey ?? components[0]?.key ?? null;
  const taken = new Set((arenas.data ?? []).filter((a) => a.program === slug && a.componentKey === component).map((a) => a.stage));

  if (!programs.data) return <QueryState isLoading={programs.isLoading} error={programs.error} />;
  const lines = criteria
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 20);
  const capBad = !wholeIn(cap, 1, 100_000);
  const bootstrapBad = !wholeIn(bootstrap, 0, 2000);
  const criteriaBad = kind === 'likert' && lines.length === 0;
  const body = (mode: 'preview' | 'commit') => ({
    program: slug,
    stage: phaseKey,
    componentKey: component,
    kind,
    capPerEvaluator: cap,
    bootstrapRounds: bootstrap,
    likertCriteria: kind === 'likert' ? lines.map((l, i) => ({ key: `c${i + 1}`, name: { ko: l, en: l } })) : [],
    evaluators: evaluators.map((e) => e.email),
    mode,
  });

  return (
    <Stack maw={1000}>
      <Title order={2}>{t('evaluationSetup.arena.title')}</Title>
      <Text>{t('evaluationSetup.arena.intro')}</Text>
      <Group grow align="flex-start">
        <Select
          label={t('evaluationSetup.program')}
          placeholder={t('evaluationSetup.pickProgram')}
          data={programs.data.map((p) => ({ value: p.slug, label: pick(p.name, lang) }))}
          value={slug}
          onChange={(v) => {
            setSlug(v);
            setPhaseKey(null);
            setComponentKey(null);
            m.clear();
          }}
          error={m.issueFor('program')}
          data-testid="arena-program"
        />
        <Select
          label={t('evaluationSetup.phase')}
          disabled={!definition}
          data={(definition?.phases ?? []).map((p) => ({
            value: p.key,
            label: taken.has(p.key) ? t('evaluationSetup.phaseTaken', { name: pick(p.name, lang) }) : pick(p.name, lang),
            disabled: taken.has(p.key),
          }))}
          value={phaseKey}
          onChange={setPhaseKey}
          error={m.issueFor('stage')}
          data-testid="arena-phase"
        />
      </Group>
      {definition && components.length === 0 && <Alert color="yellow">{t('evaluationSetup.arena.noComponent')}</Alert>}
      {components.length > 1 && (
        <Select
          label={t('evaluationSetup.arena.componentLabel')}
          data={components.map((c) => ({ value: c.key, label: pick(c.name, lang) }))}
          value={component}
          onChange={setComponentKey}
          error={m.issueFor('componentKey')}
        />
      )}
      <Group grow align="flex-start">
        <Select
          label={t('evaluationSetup.kindLabel')}
          data={(['pairwise', 'likert'] as const).map((k) => ({ value: k, label: t(`evaluationSetup.arena.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => setKind(v === 'likert' ? 'likert' : 'pairwise')}
          allowDeselect={false}
          data-testid="arena-kind"
        />
        <NumberInput
          label={t('evaluationSetup.arena.cap')}
          value={cap}
          onChange={setCap}
          min={1}
          max={100_000}
          allowDecimal={false}
          error={capBad ? t('evaluationSetup.arena.capInvalid') : m.issueFor('capPerEvaluator')}
          data-testid="arena-cap"
        />
        <NumberInput
          label={t('evaluationSetup.arena.bootstrap')}
          value={bootstrap}
          onChange={setBootstrap}
          min={0}
          max={2000}
          allowDecimal={false}
          error={bootstrapBad ? t('evaluationSetup.arena.bootstrapInvalid') : m.issueFor('bootstrapRounds')}
        />
      </Group>
      {kind === 'likert' && (
        <Textarea
          label={t('evaluationSetup.arena.criteria')}
          value={criteria}
          onChange={(e) => setCriteria(e.currentTarget.value)}
          maxLength={4000}
          autosize
          minRows={3}
          error={criteriaBad ? t('evaluationSetup.arena.criteriaRequired') : m.issueFor('likertCriteria')}
        />
      )}
      {slug && (
        <>
          <Title order={3}>{t('evaluationSetup.arena.models')}</Title>
          <Text size="sm" c="dimmed">
            {t('evaluationSetup.arena.modelsHint')}
          </Text>
          {endpoints.data ? (
            <Table withTableBorder data-testid="arena-endpoints">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('evaluationSetup.arena.endpointLabel')}</Table.Th>
                  <Table.Th>{t('evaluationSetup.arena.endpointUrl')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {endpoints.data.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={2}>{t('evaluationSetup.arena.noEndpoints')}</Table.Td>
                  </Table.Tr>
                )}
                {endpoints.data.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{e.label}</Table.Td>
                    <Table.Td>{e.url}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <QueryState isLoading={endpoints.isLoading} error={endpoints.error} />
          )}
          <RegisterModelEndpoint slug={slug} />
        </>
      )}
      <Title order={3}>{t('evaluationSetup.arena.evaluators')}</Title>
      <AccountPicker role="evaluator" testId="arena-evaluators" picked={evaluators} onChange={setEvaluators} />
      <Group>
        <ConfirmWithPreview<ArenaPreview>
          label={t('evaluationSetup.arena.preview')}
          title={t('evaluationSetup.arena.dialogTitle')}
          color="blue"
          testId="arena-create"
          disabled={!slug || !phaseKey || !component || capBad || bootstrapBad || criteriaBad}
          error={m.error}
          loadPreview={() => m.send<ArenaPreview>(arenaContract.create.method, arenaContract.create.path, body('preview'))}
          renderPreview={(p) => (
            <Stack gap="xs">
              <Text size="sm" data-testid="arena-preview-summary">
                {t('evaluationSetup.arena.summary', { name: pick(p.arena.name, lang), cap: p.arena.capPerEvaluator, points: p.arena.fullPoints })}
              </Text>
              <Text size="sm" fw={600}>
                {t('evaluationSetup.arena.evaluatorCount', { n: p.evaluators.length })}
              </Text>
              <List size="sm" data-testid="arena-preview-evaluators">
                {p.evaluators.map((e) => (
                  <List.Item key={e.email}>{e.name}</List.Item>
                ))}
              </List>
            </Stack>
          )}
          confirmLabel={t('evaluationSetup.arena.confirm')}
          onConfirm={async () => {
            const created = await m.send<ResponseOf<typeof arenaContract.create, 201>>(arenaContract.create.method, arenaContract.create.path, body('commit'));
            if (!created) return false;
            void navigate(`/arena/${created.arena.id}`);
            return true;
          }}
        />
      </Group>
    </Stack>
  );
}
