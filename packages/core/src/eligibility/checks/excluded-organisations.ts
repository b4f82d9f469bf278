import { consortiumMembers } from '../consortium.ts';
import { findExclusion } from '../excluded-match.ts';
import { fail, listing, pass, type RuleCheck } from './outcome.ts';

/**
 * No member on the program's exclusion list. The rule's scope says whom the list bars: with
 * `lead`, only the lead institution (specialized-fm bars K-AI's selected teams' leads, while their
 * participating SMEs and universities may apply); with `all`, every member.
 */
export const checkExcludedOrganisations: RuleCheck<'excludedOrganisations'> = (rule, consortium, settings) => {
  const list = settings.exclusionLists[rule.list];
  if (!list) {
    // a program whose data points at a missing list cannot vouch for anyone: fail closed and say why
    return fail({
      ko: `제외 기관 명단 "${rule.list}"이(가) 사업 정보에 없어 확인할 수 없습니다`,
      en: `the exclusion list "${rule.list}" is missing from the program's data, so this cannot be checked`,
    });
  }
  const leadOnly = rule.scope === 'lead';
  const judged = leadOnly ? [consortium.lead] : consortiumMembers(consortium);
  const hits = judged.flatMap((m) => {
    const e = findExclusion(m, list);
    return e ? [{ member: m, excluded: e }] : [];
  });
  if (hits.length === 0) {
    return pass(
      leadOnly
        ? { ko: `주관기관이 참여 제한 기관(${list.length}곳)에 해당하지 않습니다 (제한은 주관기관에만 적용)`, en: `the lead is not on the list of ${list.length} excluded organisations (the list bars leads only)` }
        : { ko: `참여 제한 기관(${list.length}곳)에 해당하는 기관이 없습니다`, en: `no member is on the list of ${list.length} excluded organisations` },
    );
  }
  const who = listing(
    hits.map(({ member, excluded }) => ({
      ko: `${member.name}(${excluded.name.ko}${excluded.reason ? `, ${excluded.reason.ko}` : ''})`,
      en: `${member.name} (${excluded.name.en}${excluded.reason ? `, ${excluded.reason.en}` : ''})`,
    })),
  );
  return fail(
    leadOnly
      ? { ko: `주관기관이 참여가 제한된 기관입니다: ${who.ko}. 이 기관은 참여기관으로만 참여할 수 있습니다`, en: `the lead is an excluded organisation: ${who.en}; it may take part only as a participant` }
      : { ko: `참여가 제한된 기관이 포함되어 있습니다: ${who.ko}`, en: `excluded organisations take part: ${who.en}` },
    hits.map((h) => h.member.name),
  );
};
