import { Group, List, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { usePrograms, useProgram } from '../../api/programs';
import { useMutationCall } from '../../api/use-mutation-call';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { QueryState } from '../../components/QueryState';
import { pick } from '../../format/time';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { call } from '../../api/contract-client';
import { finalEvaluationsContract as c, type FinalEvaluationSummary } from '../final-evaluation/api';
import { ruleText } from '../final-evaluation/FinalEvaluationPages';

type RuleKind = FinalEvaluationSummary['excellenceRule']['kind'];

type CreatePreview = ResponseOf<typeof c.create>;

const whole = (v: number | string, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min;
const score = (v: number | string) => typeof v === 'number' && v >= 0 && v <= 100;

/**
 * The office opens a program's final evaluation: the rule that designates excellent tasks, and the
 * pool and phase where the extra GPUs they negotiate will run. Previewed (the tasks it takes in),
 * then created; scores, designation and negotiation follow on its page.
 */
export function FinalEvaluationNewPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const programs = usePrograms();
  const existing = useQuery({ queryKey: ['final-evaluations', 'with-awaiting'], queryFn: () => call(c.list) });
  const [slug, setSlug] = useState<string | null>(null);
  const [phaseKey, setPhaseKey] = useState<string | null>(null);
  const [poolKey, setPoolKey] = useState<string | null>(null);
  const [kind, setKind] = useState<RuleKind>('topN');
  const [n, setN] = useState<number | string>(1);
  const [minScore, setMinScore] = useState<number | string>(85);
  const [maxExtra, setMaxExtra] = useState<number | string>('');
  const [earliest, setEarliest] = useState('');
  const program = useProgram(slug ?? '');
  const m = useMutationCall();
  const definition = slug && program.data?.slug === slug ? program.data.definition : null;
  const taken = new Set((existing.data?.finalEvaluations ?? []).map((f) => f.program));
  // a program with a final evaluation takes another only for its next cohort: tasks no final evaluation holds yet
  const waiting = (slug: string) => existing.data?.awaiting?.[slug] ?? 0;

  if (!programs.data) return <QueryState isLoading={programs.isLoading} error={programs.error} />;
  const usesN = kind !== 'atLeast';
  const usesMin = kind !== 'topN';
  const nBad = usesN && !whole(n, 1);
  const minBad = usesMin && !score(minScore);
  const maxBad = maxExtra !== '' && !whole(maxExtra, 1);
  const rule = kind === 'topN' ? { kind, n } : kind === 'atLeast' ? { kind, minScore } : { kind, n, minScore };
  const body = (mode: 'preview' | 'commit') => ({
    program: slug,
    phaseKey,
    poolKey,
    excellenceRule: rule,
    ...(maxExtra === '' ? {} : { maxExtraGpus: maxExtra }),
    ...(earliest ? { supportEarliestStart: earliest } : {}),
    mode,
  });

  return (
    <Stack maw={900}>
      <Title order={2}>{t('evaluationSetup.final.title')}</Title>
      <Text>{t('evaluationSetup.final.intro')}</Text>
      <Select
        label={t('evaluationSetup.program')}
        placeholder={t('evaluationSetup.pickProgram')}
        data={programs.data.map((p) => ({
          value: p.slug,
          label: !taken.has(p.slug)
            ? pick(p.name, lang)
            : waiting(p.slug)
              ? t('evaluationSetup.final.programNextCohort', { name: pick(p.name, lang), n: waiting(p.slug) })
              : t('evaluationSetup.final.programTaken', { name: pick(p.name, lang) }),
          disabled: taken.has(p.slug) && !waiting(p.slug),
        }))}
        value={slug}
        onChange={(v) => {
          setSlug(v);
          setPhaseKey(null);
          setPoolKey(null);
          m.clear();
        }}
        error={m.issueFor('program')}
        data-testid="final-program"
      />
      <Group grow align="flex-start">
        <Select
          label={t('evaluationSetup.final.phase')}
          disabled={!definition}
          data={(definition?.phases ?? []).map((p) => ({ value: p.key, label: pick(p.name, lang) }))}
          value={phaseKey}
          onChange={setPhaseKey}
          error={m.issueFor('phaseKey')}
          data-testid="final-phase"
        />
        <Select
          label={t('evaluationSetup.final.pool')}
          disabled={!definition}
          data={(definition?.gpuPools ?? []).map((p) => ({ value: p.key, label: pick(p.name, lang) }))}
          value={poolKey}
          onChange={setPoolKey}
          error={m.issueFor('poolKey')}
          data-testid="final-pool"
        />
      </Group>
      <Group grow align="flex-start">
        <Select
          label={t('evaluationSetup.final.ruleKind')}
          data={(['topN', 'atLeast', 'topNAtLeast'] as const).map((k) => ({ value: k, label: t(`evaluationSetup.final.rules.${k}`) }))}
          value={kind}
          onChange={(v) => setKind((v as RuleKind | null) ?? 'topN')}
          allowDeselect={false}
          data-testid="final-rule"
        />
        {usesN && (
          <NumberInput
            label={t('evaluationSetup.final.n')}
            value={n}
            onChange={setN}
            min={1}
            max={1000}
            allowDecimal={false}
            error={nBad ? t('evaluationSetup.final.wholePositive') : m.issueFor('excellenceRule.n')}
          />
        )}
        {usesMin && (
          <NumberInput
            label={t('evaluationSetup.final.minScore')}
            value={minScore}
            onChange={setMinScore}
            min={0}
            max={100}
            decimalScale={2}
            error={minBad ? t('evaluationSetup.final.scoreRange') : m.issueFor('excellenceRule.minScore')}
          />
        )}
      </Group>
      <Group grow align="flex-start">
        <NumberInput
          label={t('evaluationSetup.final.maxExtraGpus')}
          value={maxExtra}
          onChange={setMaxExtra}
          min={1}
          max={100_000}
          allowDecimal={false}
          error={maxBad ? t('evaluationSetup.final.wholePositive') : m.issueFor('maxExtraGpus')}
        />
        <TextInput
          type="date"
          label={t('evaluationSetup.final.earliestStart')}
          value={earliest}
          onChange={(e) => setEarliest(e.currentTarget.value)}
          error={m.issueFor('supportEarliestStart')}
        />
      </Group>
      <Group>
        <ConfirmWithPreview<CreatePreview>
          label={t('evaluationSetup.final.preview')}
          title={t('evaluationSetup.final.dialogTitle')}
          color="blue"
          testId="final-create"
          disabled={!slug || !phaseKey || !poolKey || nBad || minBad || maxBad}
          error={m.error}
          loadPreview={() => m.send<CreatePreview>('POST', '/api/v1/final-evaluations', body('preview'))}
          renderPreview={(p) => (
            <Stack gap="xs">
              <Text size="sm">
                {pick(p.finalEvaluation.name, lang)} · {ruleText(p.finalEvaluation.excellenceRule, t)}
              </Text>
              <Text size="sm" fw={600}>
                {t('evaluationSetup.final.tasks', { n: p.tasks.length })}
              </Text>
              <List size="sm">
                {p.tasks.map((x) => (
                  <List.Item key={x.key}>{pick(x.name, lang)}</List.Item>
                ))}
              </List>
            </Stack>
          )}
          confirmLabel={t('evaluationSetup.final.confirm')}
          onConfirm={async () => {
            const created = await m.send<{ finalEvaluation: { id: string } }>('POST', '/api/v1/final-evaluations', body('commit'));
            if (!created) return false;
            void navigate(`/final-evaluations/${created.finalEvaluation.id}`);
            return true;
          }}
        />
      </Group>
    </Stack>
  );
}
