import { normaliseCountryCode } from '../../organisation/country.ts';
import { josa } from '../../shared/korean-particles.ts';
import type { LocalizedText } from '../../shared/localized.ts';
import { roleLabel, type ConsortiumMember } from '../consortium.ts';
import { fail, listing, pass, type RuleCheck } from './outcome.ts';

const rolesText = (roles: readonly string[]): LocalizedText => ({
  ko: roles.map((r) => roleLabel(r).ko).join(', '),
  en: roles.map((r) => roleLabel(r).en).join(', '),
});

const withReason = (text: LocalizedText, reason: LocalizedText | undefined): LocalizedText =>
  reason ? { ko: `${text.ko} (사유: ${reason.ko})`, en: `${text.en} (reason: ${reason.en})` } : text;

/**
 * Members must be based in the program's country. A foreign participant is allowed only in a role
 * the program names (specialized-fm: `global_service`) and, when the program asks, only with its
 * purpose declared; the lead never, whatever its role. Each foreign member is judged on its own, so
 * the verdict names every one that falls short and why.
 */
export const checkDomesticOnly: RuleCheck<'domesticOnly'> = (rule, { lead, participants }) => {
  const home = normaliseCountryCode(rule.country);
  const roles = rule.foreignAllowedRoles;
  const allowed = rolesText(roles);
  const offenders: { member: ConsortiumMember; ko: string; en: string }[] = [];
  if (lead.country !== home) {
    offenders.push({
      member: lead,
      ko: `${lead.name}(${lead.country}): 해외 기관은 주관기관이 될 수 없습니다`,
      en: `${lead.name} (${lead.country}, the lead): a foreign organisation may not lead`,
    });
  }
  const foreign = participants.filter((p) => p.country !== home);
  for (const p of foreign) {
    if (p.role === undefined || !roles.includes(p.role)) {
      const role = roleLabel(p.role ?? '');
      offenders.push({
        member: p,
        ko: !roles.length
          ? `${p.name}(${p.country}): 해외 기관은 참여할 수 없습니다`
          : p.role === undefined
            ? `${p.name}(${p.country}): 역할이 정해지지 않았습니다. 해외 기관은 ${josa(allowed.ko, '으로/로')}만 참여할 수 있습니다`
            : `${p.name}(${p.country}): 역할이 ${josa(role.ko, '으로/로')}, 해외 기관에 허용된 역할(${allowed.ko})이 아닙니다`,
        en: roles.length
          ? `${p.name} (${p.country}, role ${p.role ?? 'none'}): not a role allowed to a foreign member (${allowed.en})`
          : `${p.name} (${p.country}, role ${p.role ?? 'none'}): no foreign member may take part`,
      });
    } else if (rule.purposeRequired && !p.purpose) {
      offenders.push({
        member: p,
        ko: `${josa(`${p.name}(${p.country})`, '은/는')} 참여 목적을 밝히지 않았습니다. 해외 기관은 ${allowed.ko} 목적을 적어야 참여할 수 있습니다`,
        en: `${p.name} (${p.country}, role ${p.role}): no purpose declared; a foreign member takes part only with its ${allowed.en} purpose declared`,
      });
    }
  }
  if (offenders.length === 0) {
    const accepted = listing(
      foreign.map((p) => ({
        ko: `${p.name}(${p.country}${p.purpose ? `, 목적: ${p.purpose}` : ''})`,
        en: `${p.name} (${p.country}${p.purpose ? `, purpose: ${p.purpose}` : ''})`,
      })),
    );
    return pass(
      withReason(
        foreign.length
          ? {
              ko: `해외 기관 ${foreign.length}곳이 허용된 역할(${allowed.ko})로만 참여하고, 나머지는 모두 국내(${home}) 기관입니다: ${accepted.ko}`,
              en: `${foreign.length} foreign participant(s) take part only in allowed roles (${allowed.en}); every other member is based in ${home}: ${accepted.en}`,
            }
          : { ko: `모든 기관이 국내(${home}) 기관입니다`, en: `every member is based in ${home}` },
        rule.reason,
      ),
    );
  }
  const who = listing(offenders);
  return fail(
    withReason(
      {
        ko: `국내(${home}) 기관만 참여할 수 있습니다${roles.length ? ` (해외 기관은 참여기관으로서 ${allowed.ko} 역할만 가능${rule.purposeRequired ? ', 참여 목적 기재 필수' : ''})` : ''}: ${who.ko}`,
        en: `only members based in ${home} may take part${roles.length ? ` (a foreign participant only in the role ${allowed.en}${rule.purposeRequired ? ', with its purpose declared' : ''})` : ''}: ${who.en}`,
      },
      rule.reason,
    ),
    offenders.map((o) => o.member.name),
  );
};
