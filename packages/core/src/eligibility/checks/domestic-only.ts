import { normaliseCountryCode } from '../../organisation/country.ts';
import type { ConsortiumMember } from '../consortium.ts';
import { fail, listing, pass, type RuleCheck } from './outcome.ts';

/**
 * Members must be based in the program's country. A foreign participant is allowed only in a role
 * the program names (specialized-fm: `global_service`); the lead never, whatever its role.
 */
export const checkDomesticOnly: RuleCheck<'domesticOnly'> = (rule, { lead, participants }) => {
  const home = normaliseCountryCode(rule.country);
  const roles = rule.foreignAllowedRoles;
  const rolesText = roles.length ? roles.join(', ') : '-';
  const offenders: { member: ConsortiumMember; ko: string; en: string }[] = [];
  if (lead.country !== home) {
    offenders.push({ member: lead, ko: `${lead.name}(${lead.country}, 주관기관)`, en: `${lead.name} (${lead.country}, the lead)` });
  }
  for (const p of participants) {
    if (p.country === home || (p.role !== undefined && roles.includes(p.role))) continue;
    offenders.push({
      member: p,
      ko: `${p.name}(${p.country}, 역할 ${p.role ?? '없음'})`,
      en: `${p.name} (${p.country}, role ${p.role ?? 'none'})`,
    });
  }
  const foreignAllowed = participants.filter((p) => p.country !== home).length - offenders.filter((o) => o.member !== lead).length;
  if (offenders.length === 0) {
    return pass(
      foreignAllowed
        ? {
            ko: `해외 기관 ${foreignAllowed}곳은 허용된 역할(${rolesText})로만 참여하고, 나머지는 모두 국내(${home}) 기관입니다`,
            en: `${foreignAllowed} foreign participant(s) take part only in allowed roles (${rolesText}); every other member is based in ${home}`,
          }
        : { ko: `모든 기관이 국내(${home}) 기관입니다`, en: `every member is based in ${home}` },
    );
  }
  const who = listing(offenders);
  return fail(
    {
      ko: `국내(${home}) 기관만 참여할 수 있습니다${roles.length ? ` (해외 기관은 참여기관으로서 ${rolesText} 역할만 가능)` : ''}: ${who.ko}`,
      en: `only members based in ${home} may take part${roles.length ? ` (a foreign participant only in the role ${rolesText})` : ''}: ${who.en}`,
    },
    offenders.map((o) => o.member.name),
  );
};
