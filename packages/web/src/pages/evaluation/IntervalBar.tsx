import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProvenanceVerdict, Verdict } from './api';

/** A 95 % interval, low then high (JSON carries it as a two-number array). */
type Interval = readonly number[];

const verdictColor: Record<Verdict, string> = { pass: 'teal', fail: 'red', inconclusive: 'yellow' };

export function VerdictBadge({ verdict, size = 'md' }: { verdict: Verdict; size?: 'sm' | 'md' | 'lg' | 'xl' }) {
  const { t } = useTranslation();
  return (
    <Badge color={verdictColor[verdict]} size={size} variant="filled" data-testid="verdict" data-verdict={verdict}>
      {t(`evaluation.verdict.${verdict}`)}
    </Badge>
  );
}

const provenanceColor: Record<ProvenanceVerdict, string> = { likely_shared: 'red', inconclusive: 'yellow', independent: 'teal' };

export function ProvenanceBadge({ verdict }: { verdict: ProvenanceVerdict }) {
  const { t } = useTranslation();
  return (
    <Badge color={provenanceColor[verdict]} variant="filled" data-testid="provenance-verdict" style={{ overflow: 'visible' }} maw="none">
      {t(`evaluation.provenance.verdict.${verdict}`)}
    </Badge>
  );
}

/** The common scale of a table's bars: every interval, the target and parity (1.0) in view. */
export function intervalDomain(intervals: readonly Interval[], target: number): [number, number] {
  const lo = Math.min(target, ...intervals.map((i) => i[0]));
  const hi = Math.max(1, target, ...intervals.map((i) => i[1]));
  const pad = (hi - lo) * 0.08 || 0.05;
  return [Math.max(0, lo - pad), hi + pad];
}

/**
 * A ratio and its 95 % interval against the target: the whole bar right of the dashed target line
 * is a pass, left of it a fail, across it inconclusive. Coloured the same way.
 */
export function IntervalBar({
  ratio,
  ci,
  target,
  domain,
  width = 260,
  label,
}: {
  ratio: number;
  ci: Interval;
  target: number;
  domain: [number, number];
  width?: number;
  label: string;
}) {
  const h = 28;
  const x = (v: number) => 6 + ((Math.min(Math.max(v, domain[0]), domain[1]) - domain[0]) / (domain[1] - domain[0])) * (width - 12);
  const verdict: Verdict = ci[0] >= target ? 'pass' : ci[1] < target ? 'fail' : 'inconclusive';
  const color = verdict === 'pass' ? '#0ca678' : verdict === 'fail' ? '#e03131' : '#f08c00';
  return (
    <svg width={width} height={h} role="img" aria-label={label} data-testid="interval-bar" data-verdict={verdict}>
      <line x1={6} x2={width - 6} y1={h - 6} y2={h - 6} stroke="#ced4da" />
      <line x1={x(1)} x2={x(1)} y1={2} y2={h - 4} stroke="#adb5bd" />
      <line x1={x(target)} x2={x(target)} y1={2} y2={h - 4} stroke="#495057" strokeDasharray="3 2" />
      <line x1={x(ci[0])} x2={x(ci[1])} y1={h / 2} y2={h / 2} stroke={color} strokeWidth={4} strokeLinecap="round" />
      <line x1={x(ci[0])} x2={x(ci[0])} y1={h / 2 - 6} y2={h / 2 + 6} stroke={color} strokeWidth={2} />
      <line x1={x(ci[1])} x2={x(ci[1])} y1={h / 2 - 6} y2={h / 2 + 6} stroke={color} strokeWidth={2} />
      <circle cx={x(ratio)} cy={h / 2} r={4} fill="#fff" stroke={color} strokeWidth={2} />
    </svg>
  );
}

export const pct = (v: number, digits = 1) => `${(v * 100).toFixed(digits)}%`;
