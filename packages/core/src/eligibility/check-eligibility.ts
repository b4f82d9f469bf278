import type { Consortium } from './consortium.ts';
import type { EligibilityRule, EligibilitySettings } from './rules.ts';
import type { EligibilityContext, RuleOutcome, Verdict } from './verdict.ts';
import type { CheckResult, RuleCheck } from './checks/outcome.ts';
import { checkAllowedLeadTypes } from './checks/allowed-lead-types.ts';
import { checkAllowedParticipantTypes } from './checks/allowed-participant-types.ts';
import { checkRequiredMemberType } from './checks/required-member-type.ts';
import { checkExcludedOrganisations } from './checks/excluded-organisations.ts';
import { checkDomesticOnly } from './checks/domestic-only.ts';
import { checkConsortiumSize } from './checks/consortium-size.ts';
import { checkMaxApplicationsPerLead } from './checks/max-applications-per-lead.ts';

const checks: { [K in EligibilityRule['kind']]: RuleCheck<K> } = {
  allowedLeadTypes: checkAllowedLeadTypes,
  allowedParticipantTypes: checkAllowedParticipantTypes,
  requiredMemberType: checkRequiredMemberType,
  excludedOrganisations: checkExcludedOrganisations,
  domesticOnly: checkDomesticOnly,
  consortiumSize: checkConsortiumSize,
  maxApplicationsPerLead: checkMaxApplicationsPerLead,
};

function checkRule(rule: EligibilityRule, consortium: Consortium, settings: EligibilitySettings, context: EligibilityContext): CheckResult {
  const check = checks[rule.kind] as RuleCheck<typeof rule.kind>;
  return check(rule as never, consortium, settings, context);
}

/**
 * Judges a consortium against a program's eligibility rules. Every rule is reported, in the
 * program's order, with its own message and culprits, so an applicant sees all there is to fix at
 * once; the consortium is eligible when every rule passes. The form, the API and the CLI all call this.
 */
export function checkEligibility(settings: EligibilitySettings, consortium: Consortium, context: EligibilityContext = {}): Verdict {
  const rules: RuleOutcome[] = settings.rules.map((rule) => ({
    id: rule.id,
    kind: rule.kind,
    ...checkRule(rule, consortium, settings, context),
  }));
  return { eligible: rules.every((r) => r.passed), rules };
}
