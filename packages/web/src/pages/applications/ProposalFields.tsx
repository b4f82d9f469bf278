import { ActionIcon, Autocomplete, Button, Card, Group, NumberInput, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { proposalDomains } from '@stagegate/core/application/proposal';
import { formatDate, pick } from '../../format/time';
import type { CallSummary } from './api';
import { unsavedStageGoals, type ProposalForm } from './proposal-form';
import { OpennessDeclaration } from './OpennessDeclaration';

const licences = ['Apache-2.0', 'MIT', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0', 'GPL-3.0', 'OpenRAIL-M'];

/** The proposal step: each field shown, required or hidden as the call's form says; errors keyed `proposal.<field>`. */
export function ProposalFields({
  value,
  onChange,
  call,
  errors,
  readOnly,
}: {
  value: ProposalForm;
  onChange?: (v: ProposalForm) => void;
  call: CallSummary;
  errors: Record<string, string>;
  readOnly?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const req = (k: keyof CallSummary['form']['fields']) => call.form.fields[k];
  const shown = (k: keyof CallSummary['form']['fields']) => req(k) !== 'hidden';
  const star = (k: keyof CallSummary['form']['fields']) => req(k) === 'required';
  const set = (patch: Partial<ProposalForm>) => onChange?.({ ...value, ...patch });
  const unsaved = unsavedStageGoals(value);
  const defaultDue = call.phases[0]?.end ?? '';
  return (
    <Stack>
      <Card withBorder padding="lg">
        <Stack>
          <Title order={4}>{t('applications.proposal.basics')}</Title>
          {shown('title') && (
            <TextInput
              label={t('applications.proposal.title')}
              withAsterisk={star('title')}
              readOnly={readOnly}
              value={value.title}
              error={errors['proposal.title']}
              onChange={(e) => set({ title: e.currentTarget.value })}
              maxLength={300}
            />
          )}
          {shown('domain') && (
            <Select
              label={t('applications.proposal.domain')}
              withAsterisk={star('domain')}
              readOnly={readOnly}
              data={proposalDomains.map((d) => ({ value: d, label: t(`applications.domain.${d}`) }))}
              value={value.domain || null}
              error={errors['proposal.domain']}
              placeholder={t('applications.consortium.choose')}
              onChange={(v) => set({ domain: (v ?? '') as ProposalForm['domain'] })}
            />
          )}
          {shown('summary') && (
            <Textarea
              label={t('applications.proposal.summary')}
              withAsterisk={star('summary')}
              readOnly={readOnly}
              autosize
              minRows={3}
              value={value.summary}
              error={errors['proposal.summary']}
              onChange={(e) => set({ summary: e.currentTarget.value })}
            />
          )}
          {shown('developmentGoals') && (
            <Textarea
              label={t('applications.proposal.developmentGoals')}
              withAsterisk={star('developmentGoals')}
              readOnly={readOnly}
              autosize
              minRows={3}
              value={value.developmentGoals}
              error={errors['proposal.developmentGoals']}
              onChange={(e) => set({ developmentGoals: e.currentTarget.value })}
            />
          )}
        </Stack>
      </Card>

      {shown('stageGoals') && (
        <Card withBorder padding="lg" data-testid="stage-goals">
          <Group justify="space-between" mb="xs">
            <Title order={4}>
              {t('applications.proposal.stageGoals')}{' '}
              {star('stageGoals') && (
                <Text span c="red">
                  *
                </Text>
              )}
            </Title>
            {!readOnly && (
              <Button size="xs" variant="light" onClick={() => set({ stageGoals: [...value.stageGoals, { metric: '', target: '', dueDate: defaultDue }] })}>
                {t('applications.proposal.addStageGoal')}
              </Button>
            )}
          </Group>
          <Text size="sm" c="dimmed" mb="xs">
            {t('applications.proposal.stageGoalsHelp')}
          </Text>
          {errors['proposal.stageGoals'] && (
            <Text c="red" size="sm">
              {errors['proposal.stageGoals']}
            </Text>
          )}
          {value.stageGoals.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('applications.proposal.noStageGoals')}
            </Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('applications.proposal.metric')}</Table.Th>
                  <Table.Th>{t('applications.proposal.target')}</Table.Th>
                  <Table.Th>{t('applications.proposal.dueDate')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {value.stageGoals.map((g, i) => {
                  const setGoal = (patch: Partial<typeof g>) => set({ stageGoals: value.stageGoals.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
                  return (
                    <Table.Tr key={i}>
                      <Table.Td>
                        <TextInput
                          aria-label={t('applications.proposal.metricN', { n: i + 1 })}
                          readOnly={readOnly}
                          value={g.metric}
                          error={errors[`proposal.stageGoals[${i}].metric`]}
                          onChange={(e) => setGoal({ metric: e.currentTarget.value })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={t('applications.proposal.targetN', { n: i + 1 })}
                          readOnly={readOnly}
                          value={g.target}
                          error={errors[`proposal.stageGoals[${i}].target`]}
                          onChange={(e) => setGoal({ target: e.currentTarget.value })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          type="date"
                          aria-label={t('applications.proposal.dueDateN', { n: i + 1 })}
                          readOnly={readOnly}
                          value={g.dueDate}
                          error={unsaved.includes(i) ? t('applications.proposal.dueDateNeeded') : errors[`proposal.stageGoals.${i}.dueDate`]}
                          onChange={(e) => setGoal({ dueDate: e.currentTarget.value })}
                        />
                      </Table.Td>
                      <Table.Td>
                        {!readOnly && (
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('applications.proposal.removeStageGoal', { n: i + 1 })}
                            onClick={() => set({ stageGoals: value.stageGoals.filter((_, j) => j !== i) })}
                          >
                            ✕
                          </ActionIcon>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      )}

      {shown('gpuRequest') && (
        <Card withBorder padding="lg">
          <Title order={4} mb="xs">
            {t('applications.proposal.gpuRequest')}{' '}
            {star('gpuRequest') && (
              <Text span c="red">
                *
              </Text>
            )}
          </Title>
          {errors['proposal.gpuRequest'] && (
            <Text c="red" size="sm">
              {errors['proposal.gpuRequest']}
            </Text>
          )}
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('applications.proposal.phase')}</Table.Th>
                <Table.Th>{t('applications.proposal.period')}</Table.Th>
                <Table.Th w={200}>{t('applications.proposal.gpus')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {call.phases.map((ph) => (
                <Table.Tr key={ph.key}>
                  <Table.Td>{pick(ph.name, lang)}</Table.Td>
                  <Table.Td>
                    {formatDate(ph.start, lang)} – {formatDate(ph.end, lang)}
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('applications.proposal.gpusFor', { phase: pick(ph.name, lang) })}
                      readOnly={readOnly}
                      min={0}
                      allowDecimal={false}
                      allowNegative={false}
                      thousandSeparator=","
                      suffix={` ${t('applications.proposal.gpuUnit')}`}
                      value={value.gpus[ph.key] ?? ''}
                      onChange={(v) => set({ gpus: { ...value.gpus, [ph.key]: typeof v === 'number' ? v : '' } })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}

      {shown('openSourcePlan') && (
        <Card withBorder padding="lg">
          <Stack>
            <Title order={4}>
              {t('applications.proposal.openSourcePlan')}{' '}
              {star('openSourcePlan') && (
                <Text span c="red">
                  *
                </Text>
              )}
            </Title>
            {errors['proposal.openSourcePlan'] && (
              <Text c="red" size="sm">
                {errors['proposal.openSourcePlan']}
              </Text>
            )}
            <Textarea
              label={t('applications.proposal.openSourceWhat')}
              readOnly={readOnly}
              autosize
              minRows={2}
              value={value.openSourceWhat}
              onChange={(e) => set({ openSourceWhat: e.currentTarget.value })}
            />
            <Autocomplete
              label={t('applications.proposal.licence')}
              readOnly={readOnly}
              data={licences}
              value={value.openSourceLicence}
              onChange={(v) => set({ openSourceLicence: v })}
            />
            {call.costShare && <OpennessDeclaration value={value} set={set} tiers={call.costShare.tiers} errors={errors} readOnly={readOnly} />}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
