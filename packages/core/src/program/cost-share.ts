import { z } from 'zod';
import { issue, localizedText, type FieldIssue, type LocalizedText } from '../shared/localized.ts';
import { particle } from '../shared/korean-particles.ts';

const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

/** A proposal's budget in won: a whole number up to ten trillion won (far above any task, well inside exact integers). */
export const MAX_BUDGET_WON = 10_000_000_000_000;

/** What a release must make public to reach a tier; `osiLicence`: under an OSI-approved licence. */
export const opennessRequirement = z.object({ weights: z.boolean(), code: z.boolean(), data: z.boolean(), osiLicence: z.boolean() });
export type Openness = z.infer<typeof opennessRequirement>;

export const opennessTier = z.object({
  key,
  name: localizedText,
  requires: opennessRequirement,
  /** the team's own share of the budget at this tier, in percent (two decimals at most) */
  teamSharePercent: z.number().min(0).max(100),
});
export type OpennessTier = z.infer<typeof opennessTier>;

/** The program's openness tiers, from the least open to the most open, and the team's cost share at each. */
export const costShareScheme = z.object({
  tiers: z.array(opennessTier).min(1),
  /** where the figures come from (the seed's ratios are assumptions) */
  note: localizedText.optional(),
});
export type CostShareScheme = z.infer<typeof costShareScheme>;

const OPENNESS = ['weights', 'code', 'data', 'osiLicence'] as const;
const basisPoints = (percent: number) => Math.round(percent * 100);

/** Rules the tiers keep beyond their shape: distinct keys, each tier asking at least what the one before asks, no higher share for more openness. */
export function costShareIssues(scheme: CostShareScheme, path = 'costShare'): FieldIssue[] {
  const out: FieldIssue[] = [];
  scheme.tiers.forEach((t, i) => {
    const field = `${path}.tiers.${i}`;
    if (scheme.tiers.findIndex((x) => x.key === t.key) !== i) out.push(issue(`${field}.key`, `중복된 키 "${t.key}"`, `duplicate key "${t.key}"`));
    if (Math.abs(basisPoints(t.teamSharePercent) - t.teamSharePercent * 100) > 1e-6) {
      out.push(issue(`${field}.teamSharePercent`, '자부담 비율은 소수 둘째 자리까지 적습니다', 'the share takes at most two decimals'));
    }
    const prev = scheme.tiers[i - 1];
    if (!prev) return;
    const dropped = OPENNESS.filter((k) => prev.requires[k] && !t.requires[k]);
    if (dropped.length)
      out.push(
        issue(
          `${field}.requires`,
          `앞 단계(${prev.name.ko})가 요구하는 공개 항목을 모두 요구해야 합니다: ${dropped.join(', ')}`,
          `must ask for everything the tier before (${prev.name.en}) asks: ${dropped.join(', ')}`,
        ),
      );
    if (t.teamSharePercent > prev.teamSharePercent) {
      out.push(
        issue(
          `${field}.teamSharePercent`,
          `더 개방적인 단계의 자부담(${t.teamSharePercent}%)이 앞 단계(${prev.teamSharePercent}%)보다 클 수 없습니다`,
          `a more open tier cannot ask a larger share (${t.teamSharePercent} %) than the tier before (${prev.teamSharePercent} %)`,
        ),
      );
    }
  });
  return out;
}

/** The team's own share of a budget at a tier, in whole won (rounded to the nearest won, halves up). */
export function teamShareWon(budgetWon: number, tier: Pick<OpennessTier, 'teamSharePercent'>): number {
  return Number((BigInt(budgetWon) * BigInt(basisPoints(tier.teamSharePercent)) + 5_000n) / 10_000n);
}

/** The most open tier a release reaches (its index in the scheme), or null when it reaches none. */
export function tierReached(scheme: CostShareScheme, release: Openness): number | null {
  let reached: number | null = null;
  scheme.tiers.forEach((t, i) => {
    if (OPENNESS.every((k) => !t.requires[k] || release[k])) reached = i;
  });
  return reached;
}

/** What a proposal declares: the tier it plans to release at and its budget. */
export interface OpennessDeclaration {
  opennessTier: string;
  budgetWon: number;
}

/**
 * Declared tier and budget in a proposal checked against the program's tiers, naming the field. A
 * draft may hold either alone; at submission a declared tier needs its budget (and the reverse), so
 * the share can be computed.
 */
export function declarationIssues(
  proposal: { opennessTier?: string | undefined; budgetWon?: number | undefined },
  scheme: CostShareScheme | undefined,
  atSubmission = false,
): FieldIssue[] {
  if (atSubmission && scheme) {
    if (proposal.opennessTier !== undefined && proposal.budgetWon === undefined)
      return [issue('proposal.budgetWon', '공개 수준을 정했으면 총사업비(원)도 적어야 합니다', 'a declared openness tier needs the budget in won')];
    if (proposal.opennessTier === undefined && proposal.budgetWon !== undefined)
      return [issue('proposal.opennessTier', '총사업비를 적었으면 공개 수준도 골라야 합니다', 'a budget needs the openness tier it is shared at')];
  }
  if (proposal.opennessTier === undefined) return [];
  if (!scheme) return [issue('proposal.opennessTier', '이 사업에는 공개 수준별 자부담 규정이 없습니다', 'this program has no openness tiers')];
  if (scheme.tiers.some((t) => t.key === proposal.opennessTier)) return [];
  const names = scheme.tiers.map((t) => t.name);
  return [
    issue(
      'proposal.opennessTier',
      `"${proposal.opennessTier}"${particle(proposal.opennessTier, '은/는')} 이 사업의 공개 수준이 아닙니다. 다음 중에서 고르세요: ${names.map((n) => n.ko).join(', ')}`,
      `"${proposal.opennessTier}" is not one of the program's openness tiers: ${names.map((n) => n.en).join(', ')}`,
    ),
  ];
}

/** A task's releases short of the tier it declared, with what that costs it. */
export interface OpennessFlag {
  declaredTier: string;
  /** the most open tier its releases reach; null when none reaches even the first tier */
  reachedTier: string | null;
  budgetWon: number;
  declaredShareWon: number;
  /** the share at the tier reached (at the first tier when none is reached: the least it owes) */
  reachedShareWon: number;
  /** what the team owes on top of its declared share, in won */
  differenceWon: number;
  message: LocalizedText;
}

const won = (n: number) => n.toLocaleString('en-US');

/**
 * Checks a declaration against the releases the registry recorded: flagged when the most open of
 * them is below the declared tier, with the difference in the team's share in won. No release yet
 * is not a flag (the team may still release).
 */
export function opennessFlag(scheme: CostShareScheme, declared: OpennessDeclaration, releases: readonly Openness[]): OpennessFlag | null {
  const want = scheme.tiers.findIndex((t) => t.key === declared.opennessTier);
  if (want < 0 || releases.length === 0) return null;
  const best = releases.map((r) => tierReached(scheme, r)).reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.max(m, x)), null);
  if (best !== null && best >= want) return null;
  const wanted = scheme.tiers[want]!;
  const reached = best === null ? null : scheme.tiers[best]!;
  const declaredShareWon = teamShareWon(declared.budgetWon, wanted);
  const reachedShareWon = teamShareWon(declared.budgetWon, reached ?? scheme.tiers[0]!);
  const differenceWon = reachedShareWon - declaredShareWon;
  const at = reached ?? scheme.tiers[0]!;
  const below = reached
    ? { ko: `'${reached.name.ko}' 수준까지만 공개`, en: `released only at '${reached.name.en}'` }
    : { ko: '어느 공개 수준에도 못 미침', en: `below every tier (charged at least at '${at.name.en}')` };
  return {
    declaredTier: wanted.key,
    reachedTier: reached?.key ?? null,
    budgetWon: declared.budgetWon,
    declaredShareWon,
    reachedShareWon,
    differenceWon,
    message: {
      ko: `'${wanted.name.ko}' 공개를 약속했으나 ${below.ko}: 자부담 ${won(declaredShareWon)}원 → ${won(reachedShareWon)}원, 차액 ${won(differenceWon)}원`,
      en: `declared '${wanted.name.en}' but ${below.en}: own share ${won(declaredShareWon)} won → ${won(reachedShareWon)} won, a difference of ${won(differenceWon)} won`,
    },
  };
}
