import type { LocalizedText } from '../../shared/localized.ts';
import { organisationTypeLabels, type OrganisationType } from '../../organisation/organisation-type.ts';
import type { Consortium } from '../consortium.ts';
import type { EligibilityRule, EligibilitySettings } from '../rules.ts';
import type { EligibilityContext, RuleOutcome } from '../verdict.ts';

export type CheckResult = Pick<RuleOutcome, 'passed' | 'message' | 'members'>;

/** Everything a rule may look at; each rule kind has one check function of this shape. */
export type RuleCheck<K extends EligibilityRule['kind']> = (
  rule: Extract<EligibilityRule, { kind: K }>,
  consortium: Consortium,
  settings: EligibilitySettings,
  context: EligibilityContext,
) => CheckResult;

export const pass = (message: LocalizedText): CheckResult => ({ passed: true, message, members: [] });
export const fail = (message: LocalizedText, members: string[] = []): CheckResult => ({ passed: false, message, members });

export function typeList(types: readonly OrganisationType[]): LocalizedText {
  return {
    ko: types.map((t) => organisationTypeLabels[t].ko).join(', '),
    en: types.map((t) => organisationTypeLabels[t].en).join(', '),
  };
}

export const typeLabel = (t: OrganisationType) => organisationTypeLabels[t];

/** "A (large enterprise); B (SME)" — one offender and its reason per item, in both languages. */
export function listing(items: { ko: string; en: string }[]): LocalizedText {
  return { ko: items.map((i) => i.ko).join('; '), en: items.map((i) => i.en).join('; ') };
}
