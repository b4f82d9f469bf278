import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatInstant, pick } from '../../format/time';
import type { ComponentScore, GateOutcome, Scheme, VersionSummary } from './api';
import type { LocalizedText } from '../../api/types';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = status === 'published' ? 'green' : status === 'decided' ? 'blue' : 'yellow';
  return <Badge color={color}>{t(`stageEvaluation.status.${status}`)}</Badge>;
}

export function OutcomeBadge({ outcome }: { outcome: 'continue' | 'eliminate' }) {
  const { t } = useTranslation();
  return (
    <Badge color={outcome === 'eliminate' ? 'red' : 'teal'} data-testid={`outcome-${outcome}`}>
      {t(`stageEvaluation.outcome.${outcome}`)}
    </Badge>
  );
}

export function GateBadges({ gates }: { gates: GateOutcome[] }) {
  const { t, i18n } = useTranslation();
  if (gates.length === 0) return <Text c="dimmed">—</Text>;
  return (
    <>
      {gates.map((g) => (
        <Badge
          key={g.key}
          variant="light"
          color={g.status === 'failed' ? 'red' : g.status === 'passed' ? 'teal' : 'gray'}
          title={g.reason ? pick(g.reason, i18n.language) : undefined}
        >
          {pick(g.name, i18n.language)}: {t(`stageEvaluation.gate.${g.status}`)}
        </Badge>
      ))}
    </>
  );
}

/** One row per team: points per top-level component, total, indices, gates — shared by the office and the public page. */
export function StandingsTable(props: {
  scheme: Scheme;
  rows: {
    key: string;
    rank?: number;
    name: LocalizedText;
    lead?: LocalizedText | null;
    components: ComponentScore[];
    total: number;
    indices: Record<string, number>;
    gates: GateOutcome[];
    outcome?: 'continue' | 'eliminate';
    probabilityLast?: number | null;
    reasons?: LocalizedText[];
  }[];
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const showProb = props.rows.some((r) => r.probabilityLast !== undefined && r.probabilityLast !== null);
  return (
    <Table striped withTableBorder data-testid={props.testId ?? 'standings'}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('stageEvaluation.rank')}</Table.Th>
          <Table.Th>{t('stageEvaluation.team')}</Table.Th>
          {props.scheme.components.map((c) => (
            <Table.Th key={c.key} ta="right">
              {pick(c.name, lang)}{' '}
              <Text span size="xs" c="dimmed">
                ({c.points})
              </Text>
            </Table.Th>
          ))}
          <Table.Th ta="right">{t('stageEvaluation.total')}</Table.Th>
          {props.scheme.indices.map((ix) => (
            <Table.Th key={ix.key} ta="right">
              {pick(ix.name, lang)}
            </Table.Th>
          ))}
          <Table.Th>{t('stageEvaluation.gatesHeader')}</Table.Th>
          {showProb && <Table.Th ta="right">{t('stageEvaluation.probabilityLast')}</Table.Th>}
          {props.rows.some((r) => r.outcome) && <Table.Th>{t('stageEvaluation.outcomeHeader')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.rows.map((r) => (
          <Table.Tr key={r.key} data-testid={`standing-${r.key}`}>
            <Table.Td>{r.rank ?? ''}</Table.Td>
            <Table.Td>
              <Text fw={600}>{pick(r.name, lang)}</Text>
              {r.lead && (
                <Text size="xs" c="dimmed">
                  {pick(r.lead, lang)}
                </Text>
              )}
            </Table.Td>
            {props.scheme.components.map((c) => {
              const s = r.components.find((x) => x.key === c.key);
              return (
                <Table.Td key={c.key} ta="right" title={s?.children?.map((ch) => `${pick(ch.name, lang)} ${ch.points}`).join(' · ')}>
                  {s?.points ?? '—'}
                </Table.Td>
              );
            })}
            <Table.Td ta="right" fw={700} data-testid="total">
              {r.total}
            </Table.Td>
            {props.scheme.indices.map((ix) => (
              <Table.Td key={ix.key} ta="right">
                {r.indices[ix.key] ?? '—'}
              </Table.Td>
            ))}
            <Table.Td>
              <GateBadges gates={r.gates} />
            </Table.Td>
            {showProb && <Table.Td ta="right">{r.probabilityLast != null ? `${(r.probabilityLast * 100).toFixed(1)}%` : '—'}</Table.Td>}
            {r.outcome && (
              <Table.Td>
                <OutcomeBadge outcome={r.outcome} />
                {r.reasons?.map((x, i) => (
                  <Text key={i} size="xs">
                    {pick(x, lang)}
                  </Text>
                ))}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function VersionsTable({ versions }: { versions: VersionSummary[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table withTableBorder data-testid="scheme-versions">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('stageEvaluation.version')}</Table.Th>
          <Table.Th>{t('stageEvaluation.effectiveFrom')}</Table.Th>
          <Table.Th>{t('stageEvaluation.reason')}</Table.Th>
          <Table.Th>{t('stageEvaluation.changes')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {versions.map((v) => (
          <Table.Tr key={v.version}>
            <Table.Td>{t('stageEvaluation.versionN', { n: v.version })}</Table.Td>
            <Table.Td>{formatInstant(v.effectiveFrom, i18n.language)}</Table.Td>
            <Table.Td>{v.reason ? pick(v.reason, i18n.language) : t('stageEvaluation.frozenAtOpening')}</Table.Td>
            <Table.Td>
              <Text size="xs" ff="monospace">
                {v.changes.join(', ') || '—'}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function SchemeSummary({ scheme }: { scheme: Scheme }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const walk = (cs: Scheme['components'], depth = 0): React.ReactNode[] =>
    cs.flatMap((c) => [
      <Text key={c.key} size="sm" pl={depth * 16}>
        {pick(c.name, lang)} — {t('stageEvaluation.pointsN', { n: c.points })}
      </Text>,
      ...(c.children ? walk(c.children, depth + 1) : []),
    ]);
  return (
    <>
      {walk(scheme.components)}
      {scheme.gates.map((g) => (
        <Text key={g.key} size="sm" mt={4}>
          <b>{t('stageEvaluation.gateLabel', { name: pick(g.name, lang) })}</b> {pick(g.description, lang)}
        </Text>
      ))}
      <Text size="sm" mt={4}>
        {t(`stageEvaluation.policy.${scheme.decisionPolicy.kind}`, scheme.decisionPolicy as Record<string, unknown>)} ·{' '}
        {t('stageEvaluation.appealDays', { n: scheme.appealDays })}
      </Text>
    </>
  );
}
