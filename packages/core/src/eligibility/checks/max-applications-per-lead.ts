import { fail, pass, type RuleCheck } from './outcome.ts';
import { particle } from '../../shared/korean-particles.ts';
import type { LocalizedText } from '../../shared/localized.ts';
import type { Consortium } from '../consortium.ts';
import type { EligibilityRule, EligibilitySettings } from '../rules.ts';

/** This application counts too: with `max` 1, a lead that already leads one other application fails. */
export const checkMaxApplicationsPerLead: RuleCheck<'maxApplicationsPerLead'> = (rule, { lead }, _settings, context) => {
  const known = context.otherApplicationsLedBySameOrg;
  const others = known ?? 0;
  const total = others + 1;
  if (known === undefined) {
    // a check made outside the call (a file, a draft) cannot see other applications; it says so
    return pass({
      ko: `${lead.name}${particle(lead.name, '이/가')} 주관하는 다른 신청은 확인된 것이 없습니다 (공모당 최대 ${rule.max}건)`,
      en: `no other application led by ${lead.name} is on record for this call (at most ${rule.max} per lead)`,
    });
  }
  if (total <= rule.max) {
    return pass({
      ko: `${lead.name}${particle(lead.name, '이/가')} 이 공모에서 주관하는 과제는 이 신청을 포함해 ${total}건입니다 (최대 ${rule.max}건)`,
      en: `${lead.name} leads ${total} application(s) in this call including this one (at most ${rule.max})`,
    });
  }
  return fail(
    {
      ko: `${lead.name}${particle(lead.name, '은/는')} 이 공모에서 이미 ${others}건을 주관하고 있어, 이 신청까지 ${total}건으로 최대 ${rule.max}건을 넘습니다`,
      en: `${lead.name} already leads ${others} other application(s) in this call; with this one that is ${total}, above the limit of ${rule.max}`,
    },
    [lead.name],
  );
};

type LeadLimitRule = Extract<EligibilityRule, { kind: 'maxApplicationsPerLead' }>;

/** The strictest per-lead limit among a program's rules, the one a fresh count must keep to. */
export function strictestLeadLimit(rules: readonly EligibilityRule[]): LeadLimitRule | undefined {
  return rules.filter((r): r is LeadLimitRule => r.kind === 'maxApplicationsPerLead').sort((a, b) => a.max - b.max)[0];
}

/**
 * Why a submission is refused when the lead's applications, counted again once the call's queue is
 * held, already reach the limit (another was submitted a moment before): the rule's own failure.
 */
export function leadLimitRefusal(rule: LeadLimitRule, consortium: Consortium, settings: EligibilitySettings): LocalizedText {
  return checkMaxApplicationsPerLead(rule, consortium, settings, { otherApplicationsLedBySameOrg: rule.max }).message;
}
