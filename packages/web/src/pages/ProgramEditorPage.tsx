import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { programsContract } from '@stagegate/core/contract/programs';
import { ApiRequestError } from '../api/client';
import { call } from '../api/contract-client';
import { useProgram } from '../api/programs';
import type { FieldChange, FieldIssue, LocalizedText, ProgramDefinition, StageComponent } from '../api/types';
import { QueryState } from '../components/QueryState';
import { pick } from '../format/time';
import { EligibilityRulesCard } from './program-editor/EligibilityRulesCard';
import { VerdictChangesCard, type VerdictImpact } from './program-editor/VerdictChangesCard';
import { issuesText } from '../api/issue-text';
import { FieldValue } from '../format/field-value';
import { errorText } from '../api/error-text';

/** A change as the server describes it: the field in words beside its path. */
type LabelledChange = FieldChange & { label?: LocalizedText };

/** The operator's editor: every save is a preview (diff) first, then a commit with a reason. */
export function ProgramEditorPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const { data, isLoading, error } = useProgram(slug);
  const [draft, setDraft] = useState<ProgramDefinition | null>(null);
  const [revision, setRevision] = useState(0);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [preview, setPreview] = useState<LabelledChange[] | null>(null);
  const [impact, setImpact] = useState<VerdictImpact | null>(null);
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const [reason, setReason] = useState('');

  useEffect(() => {
    if (data && !draft) {
      setDraft(structuredClone(data.definition));
      setRevision(data.revision);
    }
  }, [data, draft]);

  if (!draft) return <QueryState isLoading={isLoading} error={error} />;

  const issueFor = (field: string) => {
    const i = issues.find((x) => x.field === field);
    return i ? pick(i.message, lang) : undefined;
  };
  const edit = (fn: (d: ProgramDefinition) => void) => {
    const next = structuredClone(draft);
    fn(next);
    setDraft(next);
    setPreview(null);
    setImpact(null);
  };

  const send = async (mode: 'preview' | 'commit') => {
    setMessage(null);
    try {
      const res = await call(programsContract.update, {
        params: { slug },
        body: { definition: draft, expectedRevision: revision, mode, reason: reason || undefined },
      });
      setIssues([]);
      if (res.status === 'unchanged') {
        setPreview([]);
        setMessage({ color: 'gray', text: t('editor.noChanges') });
      } else if (res.status === 'preview') {
        setPreview(res.changes);
        setImpact(res.verdictChanges ?? null);
      } else {
        setRevision(res.revision);
        setPreview(null);
        setReason('');
        setMessage({ color: 'green', text: t('editor.saved', { revision: res.revision }) });
        await qc.invalidateQueries({ queryKey: ['programs'] });
      }
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 409) setMessage({ color: 'orange', text: t('editor.conflict') });
      else if (e instanceof ApiRequestError && e.issues.length) {
        setIssues(e.issues);
        setMessage({ color: 'red', text: `${t('editor.invalid')} ${issuesText(e.issues, i18n)}` });
      } else setMessage({ color: 'red', text: errorText(e, i18n) });
    }
  };

  const componentInputs = (components: StageComponent[], path: string, depth = 0): React.ReactNode =>
    components.map((c, i) => (
      <Stack key={c.key} gap={4} pl={depth * 24}>
        <NumberInput
          label={pick(c.name, lang)}
          value={c.points}
          min={0}
          decimalScale={1}
          onChange={(v) =>
            edit((d) => {
              (getAt(d, `${path}.${i}`) as StageComponent).points = Number(v);
            })
          }
          error={issueFor(`${path}.${i}.children`)}
        />
        {c.children && componentInputs(c.children, `${path}.${i}.children`, depth + 1)}
      </Stack>
    ));

  return (
    <Stack maw={1000}>
      <Title order={2}>{t('editor.title', { name: pick(draft.name, lang) })}</Title>
      {message && (
        <Alert color={message.color} data-testid="editor-message">
          {message.text}
        </Alert>
      )}
      <Card withBorder>
        <Title order={4}>{t('editor.phases')}</Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('editor.phaseName')}</Table.Th>
              <Table.Th>{t('editor.start')}</Table.Th>
              <Table.Th>{t('editor.end')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {draft.phases.map((ph, i) => (
              <Table.Tr key={ph.key}>
                <Table.Td>{pick(ph.name, lang)}</Table.Td>
                <Table.Td>
                  <TextInput
                    type="date"
                    aria-label={`${pick(ph.name, lang)} ${t('editor.start')}`}
                    name={`phases.${i}.start`}
                    value={ph.start}
                    error={issueFor(`phases.${i}.start`)}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      edit((d) => void (d.phases[i]!.start = v));
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    type="date"
                    aria-label={`${pick(ph.name, lang)} ${t('editor.end')}`}
                    name={`phases.${i}.end`}
                    value={ph.end}
                    error={issueFor(`phases.${i}.end`)}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      edit((d) => void (d.phases[i]!.end = v));
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Title order={4}>{t('editor.pools')}</Title>
        {draft.gpuPools.map((pool, i) => (
          <Group key={pool.key} mt="xs" align="flex-start">
            <Text w={220}>{pick(pool.name, lang)}</Text>
            <NumberInput
              label={t('editor.gpuCount')}
              name={`gpuPools.${i}.gpuCount`}
              value={pool.gpuCount}
              error={issueFor(`gpuPools.${i}.gpuCount`)}
              onChange={(v) => edit((d) => void (d.gpuPools[i]!.gpuCount = Number(v)))}
            />
            <NumberInput
              label={t('editor.gpusPerNode')}
              value={pool.gpusPerNode}
              error={issueFor(`gpuPools.${i}.gpusPerNode`)}
              onChange={(v) => edit((d) => void (d.gpuPools[i]!.gpusPerNode = Number(v)))}
            />
          </Group>
        ))}
      </Card>
      <Card withBorder>
        <Title order={4}>{t('editor.weights')}</Title>
        {issueFor('selectionScheme.groups') && (
          <Text c="red" size="sm">
            {issueFor('selectionScheme.groups')}
          </Text>
        )}
        {draft.selectionScheme.groups.map((g, i) => (
          <NumberInput
            key={g.key}
            mt="xs"
            label={pick(g.name, lang)}
            name={`selectionScheme.groups.${i}.points`}
            value={g.points}
            onChange={(v) => edit((d) => void (d.selectionScheme.groups[i]!.points = Number(v)))}
          />
        ))}
      </Card>
      <Card withBorder>
        <Title order={4}>{t('editor.stageWeights')}</Title>
        {issueFor('stageEvaluation.components') && (
          <Text c="red" size="sm">
            {issueFor('stageEvaluation.components')}
          </Text>
        )}
        {componentInputs(draft.stageEvaluation.components, 'stageEvaluation.components')}
      </Card>
      <EligibilityRulesCard rules={draft.eligibility.rules} onChange={(i, rule) => edit((d) => void (d.eligibility.rules[i] = rule))} />
      {draft.costShare && (
        <Card withBorder data-testid="cost-share-editor">
          <Title order={4}>{t('editor.costShare')}</Title>
          <Text size="sm" c="dimmed">
            {t('editor.costShareHint')} {draft.costShare.note && pick(draft.costShare.note, lang)}
          </Text>
          {draft.costShare.tiers.map((tier, i) => (
            <NumberInput
              key={tier.key}
              mt="xs"
              label={pick(tier.name, lang)}
              name={`costShare.tiers.${i}.teamSharePercent`}
              value={tier.teamSharePercent}
              min={0}
              max={100}
              decimalScale={2}
              error={issueFor(`costShare.tiers.${i}.teamSharePercent`) ?? issueFor(`costShare.tiers.${i}.requires`)}
              onChange={(v) => edit((d) => void (d.costShare!.tiers[i]!.teamSharePercent = Number(v)))}
            />
          ))}
        </Card>
      )}
      <Textarea label={t('editor.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      <Group>
        <Button variant="default" onClick={() => send('preview')}>
          {t('editor.preview')}
        </Button>
        <Button onClick={() => send('commit')} disabled={preview === null || preview.length === 0}>
          {t('editor.commit')}
        </Button>
      </Group>
      {preview && impact && <VerdictChangesCard impact={impact} />}
      {preview && preview.length > 0 && (
        <Card withBorder data-testid="preview">
          <Text fw={600}>{t('editor.changes', { count: preview.length })}</Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('editor.field')}</Table.Th>
                <Table.Th>{t('editor.before')}</Table.Th>
                <Table.Th>{t('editor.after')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.map((c) => (
                <Table.Tr key={c.field}>
                  <Table.Td>{c.label ? pick(c.label, lang) : <span translate="no">{c.field}</span>}</Table.Td>
                  <Table.Td>
                    <FieldValue value={c.before} />
                  </Table.Td>
                  <Table.Td>
                    <FieldValue value={c.after} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}

function getAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
}
