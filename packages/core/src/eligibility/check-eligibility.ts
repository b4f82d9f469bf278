import { consortiumMembers, type Consortium, type ConsortiumMember } from './consortium.ts';
import type { LocalizedText } from '../shared/localized.ts';
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

/** The members whose declared facts (type, registration number, country) a rule reads. */
function factsReadBy(rule: EligibilityRule, c: Consortium): ConsortiumMember[] {
  switch (rule.kind) {
    case 'allowedLeadTypes':
    case 'maxApplicationsPerLead':
      return [c.lead];
    case 'allowedParticipantTypes':
      return c.participants;
    case 'requiredMemberType':
      return consortiumMembers(c).filter((m) => rule.types.includes(m.type));
    case 'excludedOrganisations':
      return rule.scope === 'lead' ? [c.lead] : consortiumMembers(c);
    case 'domesticOnly':
      return consortiumMembers(c);
    case 'consortiumSize':
      return [];
  }
}

/** Members not verified by the office; a consortium typed into a file is unverified throughout. */
export function unverifiedMembers(c: Consortium): ConsortiumMember[] {
  return consortiumMembers(c).filter((m) => m.verified !== true);
}

export function pendingVerificationMessage(names: string[]): LocalizedText {
  const list = names.join(', ');
  return {
    ko: `확인 대기: ${list}의 기관 유형과 사업자등록번호는 신고된 값이며 아직 사업 담당자가 확인하지 않았습니다. 제출은 할 수 있으나 확인 전에는 선정될 수 없습니다`,
    en: `pending verification: the type and registration number of ${list} are as declared and not yet verified by the program office; the application may be submitted but cannot be selected until they are verified`,
  };
}

/**
 * Judges a consortium against a program's eligibility rules. Every rule is reported, in the
 * program's order, with its own message and culprits, so an applicant sees all there is to fix at
 * once; the consortium is eligible when every rule passes. The form, the API and the CLI all call this.
 */
export function checkEligibility(settings: EligibilitySettings, consortium: Consortium, context: EligibilityContext = {}): Verdict {
  const rules: RuleOutcome[] = settings.rules.map((rule) => {
    const result = checkRule(rule, consortium, settings, context);
    // a failure stands on the declared facts alone; a pass on unverified facts waits for the office
    const pending = result.passed
      ? [
          ...new Set(
            factsReadBy(rule, consortium)
              .filter((m) => m.verified !== true)
              .map((m) => m.name),
          ),
        ]
      : [];
    return { id: rule.id, kind: rule.kind, ...result, pending };
  });
  const pendingNames = [...new Set(rules.flatMap((r) => r.pending))];
  return {
    eligible: rules.every((r) => r.passed),
    rules,
    pendingVerification: pendingNames.length ? { members: pendingNames, message: pendingVerificationMessage(pendingNames) } : null,
  };
}
