import { Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { teamShareWon } from '@stagegate/core/program/cost-share';
import { pick } from '../../format/time';
import type { CallSummary } from './api';
import type { ProposalForm } from './proposal-form';

/** The tier the consortium plans to release at and its budget, with its own share computed as it types (core's rule). */
export function OpennessDeclaration({
  value,
  set,
  tiers,
  errors,
  readOnly,
}: {
  value: ProposalForm;
  set: (p: Partial<ProposalForm>) => void;
  tiers: NonNullable<CallSummary['costShare']>['tiers'];
  errors: Record<string, string>;
  readOnly?: boolean | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const tier = tiers.find((x) => x.key === value.opennessTier);
  const share =
    tier && typeof value.budgetWon === 'number' && Number.isSafeInteger(value.budgetWon) && value.budgetWon >= 0 ? teamShareWon(value.budgetWon, tier) : null;
  return (
    <Stack gap="xs" data-testid="openness-declaration">
      <Group grow align="flex-start">
        <Select
          label={t('applications.proposal.opennessTier')}
          readOnly={readOnly}
          data={tiers.map((x) => ({
            value: x.key,
            label: t('applications.proposal.opennessTierOption', { name: pick(x.name, lang), percent: x.teamSharePercent }),
          }))}
          value={value.opennessTier || null}
          error={errors['proposal.opennessTier']}
          placeholder={t('applications.consortium.choose')}
          onChange={(v) => set({ opennessTier: v ?? '' })}
        />
        <NumberInput
          label={t('applications.proposal.budgetWon')}
          readOnly={readOnly}
          min={0}
          step={1_000_000}
          allowDecimal={false}
          thousandSeparator=","
          value={value.budgetWon}
          error={errors['proposal.budgetWon']}
          onChange={(v) => set({ budgetWon: typeof v === 'number' ? v : '' })}
        />
      </Group>
      {share !== null && tier && (
        <Text size="sm" fw={600} data-testid="team-share">
          {t('applications.proposal.teamShare', { won: share.toLocaleString(lang === 'en' ? 'en-US' : 'ko-KR'), percent: tier.teamSharePercent })}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('applications.proposal.teamShareHint')}
      </Text>
    </Stack>
  );
}
