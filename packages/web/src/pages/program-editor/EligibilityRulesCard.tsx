import { Card, Checkbox, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { organisationTypes } from '@stagegate/core/organisation/organisation-type';
import type { ProgramDefinition } from '../../api/types';

type Rule = ProgramDefinition['eligibility']['rules'][number];

/**
 * The rules an office adjusts between calls — which organisation types may lead or take part, the
 * types a consortium must include, its size, applications per lead — each named in words, never by
 * its id. Exclusion lists and country rules stay in the program's data file.
 */
export function EligibilityRulesCard({ rules, onChange }: { rules: Rule[]; onChange: (index: number, rule: Rule) => void }) {
  const { t } = useTranslation();
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
