import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Phase, ProgramDefinition, StageComponent } from '../../api/types';
import { pick } from '../../format/time';

type Scheme = ProgramDefinition['stageEvaluation'];

function rows(components: readonly StageComponent[], depth: number): { c: StageComponent; depth: number }[] {
  return components.flatMap((c) => [{ c, depth }, ...rows(c.children ?? [], depth + 1)]);
}

/** The program's stage-evaluation scheme as the office will freeze it: each component, its kind, points and share of the total, and the decision rule in words. */
export function SchemeTable({ scheme, phases }: { scheme: Scheme; phases: readonly Phase[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const policy = scheme.decisionPolicy;
  const policyText =
    policy.kind === 'continueIfStageGoalsMet'
      ? t('evaluationSetup.policy.continueIfStageGoalsMet', { next: pick(phases.find((p) => p.key === policy.nextPhase)?.name, lang) })
      : policy.kind === 'eliminateLowest'
        ? t('evaluationSetup.policy.eliminateLowest', { n: policy.perStage })
        : t('evaluationSetup.policy.advanceAtThreshold', { n: policy.minPoints });
  return (
    <Stack gap="xs">
      <Table withTableBorder data-testid="scheme">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('evaluationSetup.component')}</Table.Th>
            <Table.Th>{t('evaluationSetup.kindLabel')}</Table.Th>
            <Table.Th>{t('evaluationSetup.points')}</Table.Th>
            <Table.Th>{t('evaluationSetup.weight')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows(scheme.components, 0).map(({ c, depth }) => (
            <Table.Tr key={c.key}>
              <Table.Td style={{ paddingInlineStart: 12 + depth * 20 }}>{pick(c.name, lang)}</Table.Td>
              <Table.Td>{t(`evaluationSetup.kinds.${c.kind}`)}</Table.Td>
              <Table.Td>{c.points}</Table.Td>
              <Table.Td>{`${Math.round((c.points / scheme.totalPoints) * 1000) / 10}%`}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm">{t('evaluationSetup.stage.schemeTotal', { n: scheme.totalPoints })}</Text>
      <Text size="sm" data-testid="scheme-policy">
        {policyText}
      </Text>
    </Stack>
  );
}
