import { fail, pass, type RuleCheck } from './outcome.ts';
import { particle } from '../../shared/korean-particles.ts';

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
