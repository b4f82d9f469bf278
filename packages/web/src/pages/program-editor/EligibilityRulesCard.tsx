import { Card, Checkbox, Group, MultiSelect, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { organisationTypes } from '@stagegate/core/organisation/organisation-type';
import { wellKnownRoles } from '@stagegate/core/eligibility/consortium';
import type { ProgramDefinition } from '../../api/types';
import { pick } from '../../format/time';

type Rule = ProgramDefinition['eligibility']['rules'][number];

/**
 * The rules an office adjusts between calls — which organisation types may lead or take part, the
 * types a consortium must include, its size, applications per lead — each named in words, never by
 * its id; who an exclusion list bars and what a foreign participant needs (issue 16 item 6). The
 * lists themselves and the country stay in the program's data file.
 */
export function EligibilityRulesCard({ rules, onChange }: { rules: Rule[]; onChange: (index: number, rule: Rule) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder data-testid="eligibility-rules">
      <Title order={4}>{t('editor.eligibility.title')}</Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('editor.eligibility.hint')}
      </Text>
      <Stack>
        {rules.map((rule, i) => {
          if (rule.kind === 'allowedLeadTypes' || rule.kind === 'allowedParticipantTypes' || rule.kind === 'requiredMemberType') {
            return (
              <Stack key={rule.id} gap={4}>
                <Checkbox.Group
                  label={t(`editor.eligibility.kinds.${rule.kind}`)}
                  value={rule.types as string[]}
                  onChange={(v) => onChange(i, { ...rule, types: organisationTypes.filter((x) => v.includes(x)) } as Rule)}
                >
                  <Group mt={4}>
                    {organisationTypes.map((x) => (
                      <Checkbox key={x} value={x} label={t(`applications.orgType.${x}`)} />
                    ))}
                  </Group>
                </Checkbox.Group>
                {rule.kind === 'requiredMemberType' && (
                  <NumberInput
                    w={220}
                    label={t('editor.eligibility.atLeast')}
                    min={1}
                    value={rule.min}
                    onChange={(v) => onChange(i, { ...rule, min: Number(v) })}
                  />
                )}
              </Stack>
            );
          }
          if (rule.kind === 'consortiumSize') {
            return (
              <Group key={rule.id}>
                <NumberInput
                  w={220}
                  label={t('editor.eligibility.sizeMin')}
                  min={1}
                  value={rule.min}
                  onChange={(v) => onChange(i, { ...rule, min: Number(v) })}
                />
                <NumberInput
                  w={220}
                  label={t('editor.eligibility.sizeMax')}
                  min={1}
                  value={rule.max ?? ''}
                  onChange={(v) => onChange(i, { ...rule, max: v === '' ? undefined : Number(v) })}
                />
              </Group>
            );
          }
          if (rule.kind === 'excludedOrganisations') {
            return (
              <Stack key={rule.id} gap={4} data-testid={`rule-${rule.id}`}>
                <Text fw={500} size="sm">
                  {t('editor.eligibility.exclusion.title')}
                </Text>
                <Group>
                  <Select
                    w={320}
                    label={t('editor.eligibility.exclusion.teamScope')}
                    data={(['leads', 'all'] as const).map((v) => ({ value: v, label: t(`editor.eligibility.exclusion.teamScopes.${v}`) }))}
                    value={rule.teamScope}
                    allowDeselect={false}
                    onChange={(v) => v && onChange(i, { ...rule, teamScope: v as 'leads' | 'all' })}
                  />
                  <Select
                    w={260}
                    label={t('editor.eligibility.exclusion.scope')}
                    data={(['lead', 'all'] as const).map((v) => ({ value: v, label: t(`editor.eligibility.exclusion.scopes.${v}`) }))}
                    value={rule.scope}
                    allowDeselect={false}
                    onChange={(v) => v && onChange(i, { ...rule, scope: v as 'lead' | 'all' })}
                  />
                </Group>
                {rule.reason && (
                  <Text size="xs" c="dimmed">
                    {t('editor.eligibility.exclusion.reason')}: {pick(rule.reason, i18n.language)}
                  </Text>
                )}
              </Stack>
            );
          }
          if (rule.kind === 'domesticOnly') {
            return (
              <Stack key={rule.id} gap={4} data-testid={`rule-${rule.id}`}>
                <Text fw={500} size="sm">
                  {t('editor.eligibility.foreign.title')} ({rule.country})
                </Text>
                <MultiSelect
                  maw={520}
                  label={t('editor.eligibility.foreign.roles')}
                  data={[...new Set([...wellKnownRoles, ...rule.foreignAllowedRoles])].map((v) => ({
                    value: v,
                    label: (wellKnownRoles as readonly string[]).includes(v) ? t(`applications.role.${v}`) : v,
                  }))}
                  value={rule.foreignAllowedRoles}
                  onChange={(v) => onChange(i, { ...rule, foreignAllowedRoles: v })}
                />
                <Checkbox
                  label={t('editor.eligibility.foreign.purposeRequired')}
                  checked={rule.purposeRequired}
                  onChange={(e) => onChange(i, { ...rule, purposeRequired: e.currentTarget.checked })}
                />
                {rule.reason && (
                  <Text size="xs" c="dimmed">
                    {t('editor.eligibility.foreign.reason')}: {pick(rule.reason, i18n.language)}
                  </Text>
                )}
              </Stack>
            );
          }
          if (rule.kind === 'maxApplicationsPerLead') {
            return (
              <NumberInput
                key={rule.id}
                w={220}
                label={t('editor.eligibility.perLead')}
                min={1}
                value={rule.max}
                onChange={(v) => onChange(i, { ...rule, max: Number(v) })}
              />
            );
          }
          return null;
        })}
      </Stack>
    </Card>
  );
}
